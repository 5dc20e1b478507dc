using AiVideo.Memory.Pinecone;

namespace AiVideo.Memory.Tests.Pinecone;

public sealed class PineconeOptionsTests
{
    [Fact]
    public void Validate_MissingHostAndKey_ReportsBoth()
    {
        var errors = new PineconeOptions().Validate();

        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e.Contains("IndexHost is missing", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("ApiKey is missing", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_CompleteOptions_HasNoErrorsAndDefaults()
    {
        var options = new PineconeOptions { IndexHost = "https://my-index-abc123.svc.us-east1-gcp.pinecone.io", ApiKey = "k" };

        Assert.Empty(options.Validate());
        Assert.Equal("2025-04", options.ApiVersion);
        Assert.Equal(4, options.MaxRetries);
        Assert.Equal(new Uri("https://my-index-abc123.svc.us-east1-gcp.pinecone.io/"), options.ResolveIndexUri());
    }

    [Fact]
    public void ResolveIndexUri_HostWithoutScheme_UsesHttps()
    {
        var options = new PineconeOptions { IndexHost = "my-index-abc123.svc.us-east1-gcp.pinecone.io", ApiKey = "k" };

        Assert.Empty(options.Validate());
        Assert.Equal("https://my-index-abc123.svc.us-east1-gcp.pinecone.io/", options.ResolveIndexUri().ToString());
    }

    [Theory]
    [InlineData("http://my-index-abc123.svc.us-east1-gcp.pinecone.io")]
    [InlineData("http://10.0.0.5:8080")]
    public void Validate_HttpForNonLoopbackHost_IsRejected(string host)
    {
        var errors = new PineconeOptions { IndexHost = host, ApiKey = "k" }.Validate();

        var error = Assert.Single(errors);
        Assert.Contains("must use https", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080", "http://127.0.0.1:5080/")]
    [InlineData("http://localhost:5080", "http://localhost:5080/")]
    public void ResolveIndexUri_HttpForLoopback_IsAccepted(string host, string expected)
    {
        var options = new PineconeOptions { IndexHost = host, ApiKey = "k" };

        Assert.Empty(options.Validate());
        Assert.Equal(expected, options.ResolveIndexUri().ToString());
    }

    [Theory]
    [InlineData("https://")]
    [InlineData("ftp://my-index.pinecone.io")]
    [InlineData("https://my index.pinecone.io")]
    [InlineData("https://my-index.pinecone.io?x=1")]
    public void Validate_BadUrl_ReportsTheHost(string host)
    {
        var errors = new PineconeOptions { IndexHost = host, ApiKey = "k" }.Validate();

        var error = Assert.Single(errors);
        Assert.Contains(host, error, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new PineconeOptions { IndexHost = host, ApiKey = "k" }.ResolveIndexUri());
    }

    [Fact]
    public void Validate_OutOfRangeRetryAndTimeoutSettings_AreReported()
    {
        var errors = new PineconeOptions
        {
            IndexHost = "https://my-index.pinecone.io",
            ApiKey = "k",
            MaxRetries = 11,
            RetryBaseDelay = TimeSpan.FromSeconds(2),
            MaxRetryDelay = TimeSpan.FromSeconds(1),
            RequestTimeout = TimeSpan.Zero,
        }.Validate();

        Assert.Equal(3, errors.Count);
        Assert.Contains(errors, e => e.Contains("MaxRetries", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("MaxRetryDelay", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("RequestTimeout", StringComparison.Ordinal));
    }

    [Fact]
    public void Constructor_InvalidOptions_ThrowsWithEveryError()
    {
        using var http = new HttpClient();

        var ex = Assert.Throws<ArgumentException>(() => new PineconeClient(http, new PineconeOptions { MaxRetries = -1 }));

        Assert.Contains("IndexHost is missing", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ApiKey is missing", ex.Message, StringComparison.Ordinal);
        Assert.Contains("MaxRetries", ex.Message, StringComparison.Ordinal);
    }
}
