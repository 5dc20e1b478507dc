using AiVideo.Media.Library;
using AiVideo.Media.Probing;
using AiVideo.Media.Processes;
using AiVideo.Memory.Embeddings;
using AiVideo.Testing;

namespace AiVideo.Media.Tests.Library;

public sealed class LibraryIndexTests(TestLibraryFixture library) : IClassFixture<TestLibraryFixture>, IDisposable
{
    private readonly TempDirectory _dir = new("aivideo-library-index");
    private readonly HashedNgramEmbeddingGenerator _embedder = new();

    private LibraryIndexer Indexer() => new(new MediaProbe(new ProcessRunner()), _embedder, _dir.Combine("data"));

    [Fact]
    public void List_ItemText_IsFileNameFolderNamesSidecarAndTags()
    {
        var lib = _dir.Combine("lib");
        Directory.CreateDirectory(Path.Combine(lib, "night-sky", ".hidden"));
        File.WriteAllText(Path.Combine(lib, "night-sky", "milky_way.png"), "");
        File.WriteAllText(Path.Combine(lib, "night-sky", "milky_way.txt"), "galaxy core over the desert");
        File.WriteAllText(Path.Combine(lib, "night-sky", "tags.json"), """{ "milky_way.png": ["stars", "long exposure"] }""");
        File.WriteAllText(Path.Combine(lib, "night-sky", ".hidden", "secret.mp4"), "");
        File.WriteAllText(Path.Combine(lib, "notes.md"), "not media");

        var item = Assert.Single(LibraryFiles.List(lib));

        Assert.Equal(("night-sky/milky_way.png", LibraryItemKind.Still), (item.RelativePath, item.Kind));
        Assert.Equal("milky way night sky galaxy core over the desert stars long exposure", item.Text);
    }

    [Fact]
    public async Task Rank_QueryWords_PickTheItemNamedTaggedOrDescribedByThem()
    {
        var lib = await library.CopyTo(_dir.Combine("lib"));
        var indexer = Indexer();
        var catalog = await indexer.IndexAsync(lib, CancellationToken.None);

        async Task<string> BestAsync(string query) =>
            LibraryRanker.Rank(catalog.Items, await indexer.EmbedAsync(query, CancellationToken.None), 1, 0.2, new HashSet<string>())[0].Item.RelativePath;

        Assert.Equal(4, catalog.Items.Count);
        Assert.Equal(TestLibrary.Moon, await BestAsync("craters on the moon"));           // file and folder names
        Assert.Equal(TestLibrary.Rocket, await BestAsync("Saturn V liftoff"));            // sidecar .txt
        Assert.Equal(TestLibrary.Volcano, await BestAsync("magma eruption"));             // tags.json
        Assert.Equal(TestLibrary.Earth, await BestAsync("ocean tides on earth"));
        var moon = catalog.Items.Single(i => i.RelativePath == TestLibrary.Moon);
        Assert.Equal((LibraryItemKind.Clip, 144, 256, 2.0), (moon.Kind, moon.Width, moon.Height, Math.Round(moon.DurationSec, 1)));
        Assert.True(catalog.Items.Single(i => i.RelativePath == TestLibrary.Earth).IsStill);
    }

    [Fact]
    public async Task Index_UnchangedFolder_ComesFromCache_EvenInANewIndexer_AndAnAddedFileIsFound()
    {
        var lib = await library.CopyTo(_dir.Combine("lib"));
        var first = await Indexer().IndexAsync(lib, CancellationToken.None);

        var indexer = Indexer(); // a new process: the cache on disk is used
        var again = await indexer.IndexAsync(lib, CancellationToken.None);
        await TestLibrary.ClipAsync(Path.Combine(lib, "comet-tail.mp4"), "testsrc2=size=144x256:rate=12", 1);
        var changed = await indexer.IndexAsync(lib, CancellationToken.None);
        var ranked = LibraryRanker.Rank(changed.Items, await indexer.EmbedAsync("a comet and its tail", CancellationToken.None), 1, 0.2, new HashSet<string>());

        Assert.Equal((false, 4, 4), (first.FromCache, first.Probed, first.Embedded));
        Assert.Equal((true, 0, 0, 4), (again.FromCache, again.Probed, again.Embedded, again.Items.Count));
        Assert.Equal((false, 1, 1, 5), (changed.FromCache, changed.Probed, changed.Embedded, changed.Items.Count));
        Assert.Equal("comet-tail.mp4", ranked[0].Item.RelativePath);
    }

    [Fact]
    public async Task Index_SidecarEdited_ReembedsOnlyThatItem_WithoutProbingAgain()
    {
        var lib = await library.CopyTo(_dir.Combine("lib"));
        var indexer = Indexer();
        await indexer.IndexAsync(lib, CancellationToken.None);

        await File.WriteAllTextAsync(Path.Combine(lib, "rocket-launch.txt"), "space shuttle on the pad");
        var changed = await indexer.IndexAsync(lib, CancellationToken.None);

        Assert.Equal((0, 1), (changed.Probed, changed.Embedded));
        var best = LibraryRanker.Rank(changed.Items, await indexer.EmbedAsync("space shuttle", CancellationToken.None), 1, 0.2, new HashSet<string>())[0];
        Assert.Equal(TestLibrary.Rocket, best.Item.RelativePath);
    }

    [Fact]
    public void Rank_EqualText_PortraitAndLongEnoughRankFirst_ExcludedAndBelowFloorLeftOut()
    {
        var vector = _embedder.Embed("moon surface");
        LibraryItem Item(string path, int w, int h, double seconds) => new(path, LibraryItemKind.Clip, w, h, seconds, "moon surface", 1, 1, vector);
        var items = new[]
        {
            Item("a-landscape-short.mp4", 256, 144, 1), Item("b-portrait-short.mp4", 144, 256, 1), Item("c-portrait-long.mp4", 144, 256, 5),
            Item("d-used.mp4", 144, 256, 5), new LibraryItem("e-other.mp4", LibraryItemKind.Clip, 144, 256, 5, "volcano", 1, 1, _embedder.Embed("volcano")),
        };

        var ranked = LibraryRanker.Rank(items, vector, 3, 0.2, new HashSet<string> { "d-used.mp4" });

        Assert.Equal(["c-portrait-long.mp4", "b-portrait-short.mp4", "a-landscape-short.mp4"], ranked.Select(r => r.Item.RelativePath));
        Assert.All(ranked, r => Assert.Equal(1.0, r.Score, 3));
    }

    public void Dispose() => _dir.Dispose();
}
