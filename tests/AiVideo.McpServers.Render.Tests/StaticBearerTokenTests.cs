using AiVideo.McpServers.Hosting.Http;

namespace AiVideo.McpServers.Render.Tests;

public class StaticBearerTokenTests
{
    private readonly StaticBearerToken _token = new("s3cret-token");

    [Fact]
    public void Matches_TheToken_True() => Assert.True(_token.Matches("s3cret-token"));

    [Theory]
    [InlineData("s3cret-tokem")]
    [InlineData("s3cret-toke")]
    [InlineData("s3cret-token ")]
    [InlineData("s3cret-token-and-more")]
    [InlineData("S3CRET-TOKEN")]
    [InlineData("")]
    [InlineData(null)]
    public void Matches_AnythingElse_False(string? credential) => Assert.False(_token.Matches(credential));

    [Theory]
    [InlineData("Bearer s3cret-token")]
    [InlineData("bearer s3cret-token")]
    [InlineData("BEARER   s3cret-token")]
    public void MatchesAuthorizationHeader_BearerWithTheToken_True(string header) =>
        Assert.True(_token.MatchesAuthorizationHeader(header));

    [Theory]
    [InlineData("s3cret-token")]
    [InlineData("Basic s3cret-token")]
    [InlineData("Bearer")]
    [InlineData("Bearer ")]
    [InlineData("Bearers3cret-token")]
    [InlineData(null)]
    public void MatchesAuthorizationHeader_NotBearerWithTheToken_False(string? header) =>
        Assert.False(_token.MatchesAuthorizationHeader(header));

    [Fact]
    public void Constructor_EmptyToken_Throws() => Assert.ThrowsAny<ArgumentException>(() => new StaticBearerToken(""));
}
