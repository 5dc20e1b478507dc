using AiVideo.Core.Workspace;
using AiVideo.Testing;

namespace AiVideo.Core.Tests.Workspace;

public class ArtifactWorkspaceTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly ArtifactWorkspace _workspace;

    public ArtifactWorkspaceTests() => _workspace = new ArtifactWorkspace(_dir.Combine("ws"));

    [Fact]
    public void Resolve_RelativePath_StaysUnderRoot()
    {
        var full = _workspace.Resolve("runs/a/clip.mp4");
        Assert.Equal(Path.Combine(_workspace.Root, "runs", "a", "clip.mp4"), full);
        Assert.Equal("runs/a/clip.mp4", _workspace.ToRelative(full));
    }

    [Theory]
    [InlineData("../outside.mp4", "must not contain '..'")]
    [InlineData("runs/../../outside.mp4", "must not contain '..'")]
    [InlineData("/etc/passwd", "not absolute")]
    [InlineData("", "empty")]
    [InlineData("~/x.mp4", "not absolute")]
    public void Resolve_UnsafePath_ThrowsClearMessage(string path, string expected)
    {
        var ex = Assert.Throws<WorkspacePathException>(() => _workspace.Resolve(path));
        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void Resolve_SymlinkPointingOutside_IsRefused()
    {
        File.WriteAllText(_dir.Combine("secret.txt"), "x");
        File.CreateSymbolicLink(Path.Combine(_workspace.Root, "link.txt"), _dir.Combine("secret.txt"));
        Directory.CreateSymbolicLink(Path.Combine(_workspace.Root, "dirlink"), _dir.Path);

        Assert.Contains("link outside", Assert.Throws<WorkspacePathException>(() => _workspace.Resolve("link.txt")).Message);
        Assert.Contains("link outside", Assert.Throws<WorkspacePathException>(() => _workspace.Resolve("dirlink/secret.txt")).Message);
    }

    [Fact]
    public void Resolve_SymlinkInsideWorkspace_IsAllowed()
    {
        Directory.CreateDirectory(Path.Combine(_workspace.Root, "real"));
        Directory.CreateSymbolicLink(Path.Combine(_workspace.Root, "alias"), Path.Combine(_workspace.Root, "real"));
        Assert.EndsWith("alias/x.mp4", _workspace.Resolve("alias/x.mp4"));
    }

    [Fact]
    public void ResolveExistingFile_Missing_SaysSo()
    {
        var ex = Assert.Throws<WorkspacePathException>(() => _workspace.ResolveExistingFile("nope.wav"));
        Assert.Contains("does not exist", ex.Message);
    }

    public void Dispose() => _dir.Dispose();
}
