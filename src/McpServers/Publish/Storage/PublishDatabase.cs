namespace AiVideo.McpServers.Publish.Storage;

/// <summary>
/// The Publish server's own SQLite file, <c>&lt;out&gt;/publish.db</c>: the outbox ledger (<c>publications</c>), the
/// performance ledger (<c>performance_*</c>) and the SQLite vector memory (<c>vector_collections</c>, <c>vec_*</c>).
/// Only this server process opens it; any other client (the aivideo CLI included) reaches the data through the
/// server's tools. Opening it first moves tables older versions kept elsewhere (see <see cref="LegacyTableMigration"/>).
/// </summary>
public sealed class PublishDatabase
{
    public const string FileName = "publish.db";

    private PublishDatabase(string path, IReadOnlyList<MovedTable> moved)
    {
        Path = path;
        Moved = moved;
    }

    /// <summary>Full path of publish.db.</summary>
    public string Path { get; }

    /// <summary>What the start-up migration moved in (empty when there was nothing left to move).</summary>
    public IReadOnlyList<MovedTable> Moved { get; }

    public static string PathFor(string outRoot) => System.IO.Path.Combine(System.IO.Path.GetFullPath(outRoot), FileName);

    /// <summary>Creates the folder if needed and moves legacy tables into publish.db (idempotent).</summary>
    public static PublishDatabase Open(string outRoot)
    {
        var root = System.IO.Path.GetFullPath(outRoot);
        Directory.CreateDirectory(root);
        var path = PathFor(root);
        var moved = LegacyTableMigration.Run(root, path);
        return new PublishDatabase(path, moved);
    }
}
