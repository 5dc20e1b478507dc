using System.Net;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace AiVideo.Agents.Providers;

/// <summary>
/// Outermost wrapper of every provider client: a failed call becomes one <see cref="ModelProviderException"/> line
/// naming provider, model and HTTP status, with the API key replaced by *** wherever a provider echoed it.
/// </summary>
public sealed class SecretScrubbingChatClient(IChatClient inner, string provider, string? model, string? secret) : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        try
        {
            return await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not ModelProviderException)
        {
            throw Wrap(ex);
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var e = base.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            ChatResponseUpdate update;
            try
            {
                if (!await e.MoveNextAsync().ConfigureAwait(false)) yield break;
                update = e.Current;
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not ModelProviderException)
            {
                throw Wrap(ex);
            }
            yield return update;
        }
    }

    public string Scrub(string text) =>
        string.IsNullOrEmpty(secret) ? text : text.Replace(secret, "***", StringComparison.Ordinal);

    private ModelProviderException Wrap(Exception ex)
    {
        var status = StatusOf(ex);
        var detail = Scrub(string.Join(' ', ex.Message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)));
        if (detail.Length > 300) detail = detail[..300] + "…";
        return new ModelProviderException(
            $"model provider '{provider}' (model {model ?? "default"}) failed{(status is null ? "" : $" with HTTP {status}")}: {detail}");
    }

    private static int? StatusOf(Exception ex) => ex switch
    {
        HttpRequestException { StatusCode: HttpStatusCode code } => (int)code,
        System.ClientModel.ClientResultException { Status: > 0 } c => c.Status,
        _ when ex.GetType().GetProperty("StatusCode")?.GetValue(ex) is { } value => value switch
        {
            HttpStatusCode code => (int)code,
            int i => i,
            _ => null,
        },
        _ => ex.InnerException is null ? null : StatusOf(ex.InnerException),
    };
}
