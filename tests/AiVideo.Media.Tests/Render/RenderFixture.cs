using AiVideo.Core.Domain;
using AiVideo.Core.Providers;
using AiVideo.Media.Processes;
using AiVideo.Media.Probing;
using AiVideo.Media.Render;
using AiVideo.Media.Similarity;
using AiVideo.Testing;

namespace AiVideo.Media.Tests.Render;

/// <summary>Shared renderer, probe and similarity, plus a cache of tiny clips/references so tests reuse renders.</summary>
public sealed class RenderFixture : IDisposable
{
    public static readonly VideoSize Tiny = new(160, 284);

    private readonly Dictionary<string, Task<string>> _cache = [];

    public RenderFixture()
    {
        Runner = new ProcessRunner();
        Probe = new MediaProbe(Runner);
        Renderer = new ProceduralSceneRenderer(Runner, new FontResolver(Runner));
        Similarity = new ShotSimilarity(Runner, Probe);
    }

    public TempDirectory Directory { get; } = new("aivideo-render-tests");
    public ProcessRunner Runner { get; }
    public MediaProbe Probe { get; }
    public ProceduralSceneRenderer Renderer { get; }
    public ShotSimilarity Similarity { get; }

    public Task<string> ClipAsync(string prompt, int seed, double duration = 1, int attempt = 1)
    {
        lock (_cache)
        {
            var key = $"clip|{prompt}|{seed}|{duration}|{attempt}";
            if (!_cache.TryGetValue(key, out var task))
            {
                var path = Directory.Combine($"clip-{_cache.Count}.mp4");
                task = Renderer.RenderAsync(new ShotRenderRequest(prompt, seed, Tiny, duration, 24, path, attempt), null, CancellationToken.None)
                    .ContinueWith(t => { t.GetAwaiter().GetResult(); return path; }, TaskScheduler.Default);
                _cache[key] = task;
            }
            return task;
        }
    }

    public Task<string> ReferenceAsync(int seed)
    {
        lock (_cache)
        {
            var key = $"ref|{seed}";
            if (!_cache.TryGetValue(key, out var task))
            {
                var path = Directory.Combine($"ref-{seed}.png");
                task = Renderer.RenderReferenceAsync(seed, Tiny, path, CancellationToken.None)
                    .ContinueWith(t => { t.GetAwaiter().GetResult(); return path; }, TaskScheduler.Default);
                _cache[key] = task;
            }
            return task;
        }
    }

    public void Dispose() => Directory.Dispose();
}

[CollectionDefinition(Name)]
public sealed class RenderCollection : ICollectionFixture<RenderFixture>
{
    public const string Name = "render";
}
