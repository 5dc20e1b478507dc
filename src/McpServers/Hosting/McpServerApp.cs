using System.Reflection;
using AiVideo.Core.Workspace;
using AiVideo.McpServers.Hosting.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AiVideo.McpServers.Hosting;

/// <summary>
/// Starts one AiVideo MCP server: stdio by default (stdout is the protocol, logs go to stderr), or
/// Streamable HTTP with <c>--http</c> (default 127.0.0.1:5100, endpoint /mcp) behind <see cref="McpHttpSecurity"/>:
/// Host and Origin checks, a body size limit, and a static bearer token (<c>--token</c>, AIVIDEO_MCP_TOKEN) or OAuth
/// resource-server mode (<c>--oauth-authority</c>). Binding to anything but loopback requires one of the two.
/// Once listening over HTTP it writes "&lt;name&gt;: listening on &lt;url&gt;/mcp" to stderr.
/// </summary>
public static class McpServerApp
{
    public static async Task<int> RunAsync(string name, string[] args, Assembly toolAssembly, Action<IServiceCollection, IConfiguration> configure)
    {
        if (ServerCommand.TryWriteHelp(args, name, Console.Out)) return 0;
        var options = ServerCommandLine.Parse(args, name);
        if (options.Error is not null)
        {
            await Console.Error.WriteLineAsync($"{name}: {options.Error}").ConfigureAwait(false);
            return 2;
        }
        try
        {
            if (options.Http)
            {
                await RunHttpAsync(name, options.HttpOptions, toolAssembly, configure).ConfigureAwait(false);
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
        catch (AggregateException ex) when (StartupProblems(ex) is { Count: > 0 } problems)
        {
            // Several settings validated at start failed at once (ValidateOnStart aggregates them): one line each.
            foreach (var problem in problems) await Console.Error.WriteLineAsync($"{name}: {problem}").ConfigureAwait(false);
            return 1;
        }
    }

    /// <summary>The messages of a start-up failure made only of settings problems; empty when anything else is inside.</summary>
    public static IReadOnlyList<string> StartupProblems(AggregateException ex)
    {
        var inner = ex.Flatten().InnerExceptions;
        return inner.All(e => e is InvalidOperationException or Microsoft.Extensions.Options.OptionsValidationException)
            ? inner.Select(e => e.Message).Distinct(StringComparer.Ordinal).ToList()
            : [];
    }

    private static async Task RunStdioAsync(Assembly toolAssembly, Action<IServiceCollection, IConfiguration> configure)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        // Keys may live in the server's user secrets (dotnet user-secrets set Render:Pexels:ApiKey … --project src/McpServers/Render);
        // the AIVIDEO_ environment, added after them, wins.
        builder.Configuration.AddUserSecrets(toolAssembly, optional: true);
        builder.Configuration.AddEnvironmentVariables("AIVIDEO_").AddEnvironmentVariables("AIVIDEO__"); // AIVIDEO__MEMORY__STORE → Memory:Store
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        // A start-up failure propagates out of RunAsync and is reported there (settings: one line each); the generic
        // host's own "Hosting failed to start" dump would bury those lines under a stack trace.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        AddCommon(builder.Services, builder.Configuration, configure);
        builder.Services.AddMcpServer()
            .WithStdioServerTransport()
            .WithToolsFromAssembly(toolAssembly)
            .WithRequestFilters(f => f.AddCallToolFilter(ToolErrorFilter.Create()));
        await builder.Build().RunAsync().ConfigureAwait(false);
    }

    private static async Task RunHttpAsync(string name, McpHttpOptions options, Assembly toolAssembly, Action<IServiceCollection, IConfiguration> configure)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        // Keys may live in the server's user secrets (dotnet user-secrets set Render:Pexels:ApiKey … --project src/McpServers/Render);
        // the AIVIDEO_ environment, added after them, wins.
        builder.Configuration.AddUserSecrets(toolAssembly, optional: true);
        builder.Configuration.AddEnvironmentVariables("AIVIDEO_").AddEnvironmentVariables("AIVIDEO__"); // AIVIDEO__MEMORY__STORE → Memory:Store
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        // A start-up failure propagates out of RunAsync and is reported there (settings: one line each); the generic
        // host's own "Hosting failed to start" dump would bury those lines under a stack trace.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
        builder.AddMcpHttpSecurity(options);
        AddCommon(builder.Services, builder.Configuration, configure);
        builder.Services.AddMcpServer()
            .WithHttpTransport()
            .WithToolsFromAssembly(toolAssembly)
            .WithRequestFilters(f => f.AddCallToolFilter(ToolErrorFilter.Create()));

        var app = builder.Build();
        app.UseMcpHttpSecurity(options);
        var endpoint = app.MapMcp("/mcp");
        if (options.RequiresAuthentication)
        {
            endpoint.RequireAuthorization();
        }
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            foreach (var address in McpHttpSecurity.BoundAddresses(app))
            {
                Console.Error.WriteLine($"{name}: listening on {address}/mcp");
            }
        });
        await app.RunAsync().ConfigureAwait(false);
    }

    private static void AddCommon(IServiceCollection services, IConfiguration configuration, Action<IServiceCollection, IConfiguration> configure)
    {
        services.AddSingleton(_ => ArtifactWorkspace.FromEnvironment());
        configure(services, configuration);
    }
}
