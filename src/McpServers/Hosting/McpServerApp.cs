using System.Net;
using System.Reflection;
using AiVideo.Core.Workspace;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AiVideo.McpServers.Hosting;

/// <summary>
/// Starts one AiVideo MCP server: stdio by default (stdout is the protocol, logs go to stderr), or
/// Streamable HTTP with <c>--http</c> (default 127.0.0.1:5100, endpoint /mcp). Binding to anything but
/// loopback requires <c>--token</c> (or AIVIDEO_MCP_TOKEN); clients then send "Authorization: Bearer &lt;token&gt;".
/// </summary>
public static class McpServerApp
{
    public static async Task<int> RunAsync(string name, string[] args, Assembly toolAssembly, Action<IServiceCollection, IConfiguration> configure)
    {
        var options = ServerCommandLine.Parse(args);
        if (options.Error is not null)
        {
            await Console.Error.WriteLineAsync($"{name}: {options.Error}").ConfigureAwait(false);
            await Console.Error.WriteLineAsync($"usage: {name} [--http] [--urls http://127.0.0.1:5100] [--token TOKEN]").ConfigureAwait(false);
            return 2;
        }
        try
        {
            if (options.Http)
            {
                await RunHttpAsync(options, toolAssembly, configure).ConfigureAwait(false);
            }
            else
            {
                await RunStdioAsync(toolAssembly, configure).ConfigureAwait(false);
            }
            return 0;
        }
        catch (Exception ex) when (ex is InvalidOperationException or Microsoft.Extensions.Options.OptionsValidationException)
        {
            await Console.Error.WriteLineAsync($"{name}: {ex.Message}").ConfigureAwait(false);
            return 1;
        }
    }

    private static async Task RunStdioAsync(Assembly toolAssembly, Action<IServiceCollection, IConfiguration> configure)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        builder.Configuration.AddEnvironmentVariables("AIVIDEO_").AddEnvironmentVariables("AIVIDEO__"); // AIVIDEO__MEMORY__STORE → Memory:Store
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        AddCommon(builder.Services, builder.Configuration, configure);
        builder.Services.AddMcpServer()
            .WithStdioServerTransport()
            .WithToolsFromAssembly(toolAssembly)
            .WithRequestFilters(f => f.AddCallToolFilter(ToolErrorFilter.Create()));
        await builder.Build().RunAsync().ConfigureAwait(false);
    }

    private static async Task RunHttpAsync(ServerCommandLine options, Assembly toolAssembly, Action<IServiceCollection, IConfiguration> configure)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        builder.Configuration.AddEnvironmentVariables("AIVIDEO_").AddEnvironmentVariables("AIVIDEO__"); // AIVIDEO__MEMORY__STORE → Memory:Store
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.WebHost.UseUrls(options.Urls);
        AddCommon(builder.Services, builder.Configuration, configure);
        builder.Services.AddMcpServer()
            .WithHttpTransport()
            .WithToolsFromAssembly(toolAssembly)
            .WithRequestFilters(f => f.AddCallToolFilter(ToolErrorFilter.Create()));

        var app = builder.Build();
        if (options.Token is { Length: > 0 } token)
        {
            app.Use(async (context, next) =>
            {
                if (!string.Equals(context.Request.Headers.Authorization.ToString(), "Bearer " + token, StringComparison.Ordinal))
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    context.Response.Headers.WWWAuthenticate = "Bearer";
                    return;
                }
                await next(context).ConfigureAwait(false);
            });
        }
        app.MapMcp("/mcp");
        await app.RunAsync().ConfigureAwait(false);
    }

    private static void AddCommon(IServiceCollection services, IConfiguration configuration, Action<IServiceCollection, IConfiguration> configure)
    {
        services.AddSingleton(_ => ArtifactWorkspace.FromEnvironment());
        configure(services, configuration);
    }
}

/// <summary>The server's own flags. Unknown flags are an error, not silently ignored.</summary>
public sealed record ServerCommandLine(bool Http, string Urls, string? Token, string? Error)
{
    public const string DefaultUrls = "http://127.0.0.1:5100";

    public static ServerCommandLine Parse(string[] args)
    {
        var http = false;
        var urls = DefaultUrls;
        var token = Environment.GetEnvironmentVariable("AIVIDEO_MCP_TOKEN");
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--stdio": http = false; break;
                case "--http": http = true; break;
                case "--urls" when i + 1 < args.Length: urls = args[++i]; http = true; break;
                case "--token" when i + 1 < args.Length: token = args[++i]; break;
                default: return new(false, urls, token, $"unknown argument '{args[i]}'");
            }
        }
        if (http && string.IsNullOrEmpty(token) && !IsLoopbackOnly(urls))
        {
            return new(http, urls, token, $"binding to {urls} (not loopback) requires --token or AIVIDEO_MCP_TOKEN");
        }
        return new(http, urls, token, null);
    }

    private static bool IsLoopbackOnly(string urls) =>
        urls.Split(';', StringSplitOptions.RemoveEmptyEntries).All(u =>
            Uri.TryCreate(u.Replace("*", "0.0.0.0").Replace("+", "0.0.0.0"), UriKind.Absolute, out var uri)
            && (uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip))));
}
