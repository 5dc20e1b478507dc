using AiVideo.Host.Mcp;
using Microsoft.Agents.AI.Workflows;

namespace AiVideo.Host.Pipeline.Executors;

/// <summary>
/// Base of every pipeline step. A step either sends its success message on, or a <see cref="RunFailed"/> that
/// routes the run to the dead-letter step. Exceptions never escape silently: they become the dead-letter reason.
/// </summary>
[SendsMessage(typeof(RunFailed))]
public abstract class PipelineExecutor(string id, string step) : Executor<PipelineMessage>(id)
{
    protected string StepName { get; } = step;

    public sealed override async ValueTask HandleAsync(PipelineMessage message, IWorkflowContext context, CancellationToken cancellationToken = default)
    {
        PipelineMessage next;
        try
        {
            next = await ProcessAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (ToolCallException ex)
        {
            next = new RunFailed(StepName, ex.Message);
        }
        catch (Costs.BudgetExceededException ex)
        {
            // A paid call over a cap was not made and nothing could take its place (the render step falls back along
            // the channel's visual sources first): a dead letter whose reason starts "budget:".
            next = new RunFailed(StepName, ex.Message);
        }
        catch (Exception ex)
        {
            next = new RunFailed(StepName, $"{ex.GetType().Name}: {ex.Message}");
        }
        await context.SendMessageAsync(next, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    protected abstract Task<PipelineMessage> ProcessAsync(PipelineMessage message, CancellationToken cancellationToken);

    protected static T Expect<T>(PipelineMessage message) where T : PipelineMessage =>
        message as T ?? throw new InvalidOperationException($"expected {typeof(T).Name}, got {message.GetType().Name}");
}
