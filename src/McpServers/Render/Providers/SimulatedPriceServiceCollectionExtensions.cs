using System.Globalization;
using AiVideo.Contracts;
using AiVideo.Core.Providers;
using AiVideo.Media.Render;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiVideo.McpServers.Render.Providers;

public static class SimulatedPriceServiceCollectionExtensions
{
    /// <summary>
    /// With AIVIDEO_RENDER_SIMULATED_PRICE set, the procedural provider is served through
    /// <see cref="SimulatedPriceRenderProvider"/> and the server warns on stderr that its prices are simulated. Without
    /// it, nothing changes. A value that is not a price stops the server with a clear message (never a silent default).
    /// Call after <c>AddProceduralRender</c>.
    /// </summary>
    public static IServiceCollection AddSimulatedRenderPrice(this IServiceCollection services, IConfiguration configuration)
    {
        decimal? price;
        try
        {
            price = SimulatedRenderPrice.Parse(configuration[SimulatedRenderPrice.ConfigurationKey]);
        }
        catch (FormatException ex)
        {
            throw new InvalidOperationException(ex.Message, ex);
        }
        if (price is not { } usdPerSecond) return services;
        // stderr is the log channel of every transport (stdout is the stdio protocol).
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"aivideo-mcp-render: SIMULATED PRICE in effect: the procedural renderer charges {usdPerSecond} USD per second of clip ({SimulatedRenderPrice.EnvironmentVariable}); not a real provider"));
        services.Replace(ServiceDescriptor.Singleton<IRenderProvider>(sp =>
            new SimulatedPriceRenderProvider(sp.GetRequiredService<ProceduralSceneRenderer>(), usdPerSecond)));
        return services;
    }
}
