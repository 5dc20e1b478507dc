using AiVideo.McpServers.Hosting.Http;
using Microsoft.Extensions.Primitives;

namespace AiVideo.McpServers.Render.Tests;

public class OriginPolicyTests
{
    private static readonly OriginPolicy Loopback5100 = OriginPolicy.ForBoundUrls(["http://127.0.0.1:5100"]);

    [Fact]
    public void Allows_NoOriginHeader_True()
    {
        Assert.True(Loopback5100.Allows(StringValues.Empty));
        Assert.True(Loopback5100.Allows(new StringValues("")));
    }

    [Theory]
    [InlineData("http://127.0.0.1:5100")]
    [InlineData("http://localhost:5100")]
    [InlineData("http://[::1]:5100")]
    [InlineData("HTTP://LocalHost:5100/")]
    public void Allows_LoopbackOriginAtTheBoundPort_True(string origin) =>
        Assert.True(Loopback5100.Allows(origin));

    [Theory]
    [InlineData("http://evil.example")]
    [InlineData("http://evil.example:5100")]
    [InlineData("http://localhost:3000")]
    [InlineData("https://localhost:5100")]
    [InlineData("http://127.0.0.2:5100")]
    [InlineData("null")]
    [InlineData("http://localhost:5100/path")]
    [InlineData("http://user@localhost:5100")]
    [InlineData("not an origin")]
    public void Allows_OtherOrigin_False(string origin) =>
        Assert.False(Loopback5100.Allows(origin));

    [Fact]
    public void Allows_SeveralOriginHeaders_False() =>
        Assert.False(Loopback5100.Allows(new StringValues(["http://localhost:5100", "http://evil.example"])));

    [Fact]
    public void Of_ConfiguredOrigins_ReplaceTheLoopbackDefaults()
    {
        var policy = OriginPolicy.Of(["https://studio.example", "http://localhost:3000"]);
        Assert.True(policy.Allows("https://studio.example:443"));
        Assert.True(policy.Allows("http://localhost:3000"));
        Assert.False(policy.Allows("http://localhost:5100"));
    }

    [Fact]
    public void Of_SomethingThatIsNotAnOrigin_Throws() =>
        Assert.Throws<ArgumentException>(() => OriginPolicy.Of(["https://studio.example/app"]));

    [Fact]
    public void ForBoundUrls_WildcardAndNamedBindings_AllowLoopbackAndTheNamedHostAtEachPort()
    {
        var policy = OriginPolicy.ForBoundUrls(["http://0.0.0.0:5100", "http://mcp.lan:6100"]);
        Assert.True(policy.Allows("http://localhost:5100"));
        Assert.True(policy.Allows("http://mcp.lan:6100"));
        Assert.True(policy.Allows("http://[::1]:6100"));
        Assert.False(policy.Allows("http://0.0.0.0:5100"));
        Assert.False(policy.Allows("http://mcp.lan:5100"));
    }
}
