using System.ClientModel.Primitives;

namespace AiVideo.Memory.Http;

/// <summary>Adds Azure OpenAI's <c>api-key</c> header to every request of the OpenAI client (Azure's v1 API).</summary>
public sealed class ApiKeyHeaderPolicy(string key) : PipelinePolicy
{
    public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        message.Request.Headers.Set("api-key", key);
        ProcessNext(message, pipeline, currentIndex);
    }

    public override async ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        message.Request.Headers.Set("api-key", key);
        await ProcessNextAsync(message, pipeline, currentIndex).ConfigureAwait(false);
    }
}
