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
        builder.Configuration.AddEnvironmentVariables("AIVIDEO_");
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
        builder.Configuration.AddEnvironmentVariables("AIVIDEO_");
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

/// <summary>The server's own flags (see <see cref="ServerCommand"/>). Unknown flags are an error, not silently ignored.</summary>
public sealed record ServerCommandLine(bool Http, string Urls, string? Token, string? Error)
{
    public const string DefaultUrls = "http://127.0.0.1:5100";

    /// <summary>Parsed by <see cref="ServerCommand"/> (System.CommandLine); a wrong flag sets <see cref="Error"/> (one line).</summary>
    public static ServerCommandLine Parse(string[] args, string program = "server") => ServerCommand.Parse(args, program);
}
