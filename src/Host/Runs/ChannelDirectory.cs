using AiVideo.Core;
using AiVideo.Core.Channels;
using AiVideo.Core.Domain;

namespace AiVideo.Host.Runs;

/// <summary>
/// The channels an agent may act for: the channel files in a fixed set of folders (default ./channels and
/// ./samples/channels) plus any file the operator named on the command line. A model names a channel by id;
/// anything else is refused, so no text can point a run at an arbitrary file.
/// </summary>
public sealed class ChannelDirectory
{
    private readonly IReadOnlyList<string> _directories;
    private readonly IReadOnlyList<string> _extraFiles;
    private readonly ChannelProfileLoader _loader = new();

    public ChannelDirectory(IEnumerable<string>? directories = null, IEnumerable<string>? extraFiles = null)
    {
        _directories = (directories ?? ["channels", Path.Combine("samples", "channels")]).Select(Path.GetFullPath).ToList();
        _extraFiles = (extraFiles ?? []).Select(Path.GetFullPath).ToList();
    }

    public IReadOnlyList<(string Path, ChannelProfile Channel)> List()
    {
        var files = _directories.Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "*.json"))
            .Concat(_extraFiles.Where(File.Exists))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        var channels = new List<(string, ChannelProfile)>();
        foreach (var file in files)
        {
            try
            {
                channels.Add((file, _loader.Load(file)));
            }
            catch (InvalidInputException)
            {
                // A broken file is not a channel; `make --channel` on it reports the problem.
            }
        }
        return channels;
    }

    /// <summary>The channel with this id, or a clear error listing the known ids.</summary>
    public (string Path, ChannelProfile Channel) Resolve(string id)
    {
        var all = List();
        var match = all.FirstOrDefault(c => string.Equals(c.Channel.Id, id?.Trim(), StringComparison.Ordinal));
        return match.Channel is not null
            ? match
            : throw new InvalidInputException($"unknown channel '{id}'; known channels: {(all.Count == 0 ? "(none)" : string.Join(", ", all.Select(c => c.Channel.Id)))}");
    }
}
