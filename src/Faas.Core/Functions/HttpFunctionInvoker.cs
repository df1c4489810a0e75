using Faas.Core.Calls;
using Faas.Core.Deployments;
using Faas.Core.Executions;
using Faas.Core.Rpc;

namespace Faas.Core.Functions;

/// <summary>
/// Runs an app's HTTP handler for <c>/fn/{app}</c>: the function named <c>handler</c> (or faas.json's
/// <c>"handler"</c>) of the active or pinned version, called through the normal call path with
/// <c>[ctx, event]</c>, recorded as an execution with trigger <c>http</c>. An app that is not running,
/// an unknown version or an app without a handler are errors of the request (not recorded); once the
/// handler is found every outcome is recorded and returned, failures included.
/// </summary>
/// <param name="statusOf">The HTTP status each <see cref="FaasError"/> answers (kept in the record).</param>
public sealed class HttpFunctionInvoker(DeploymentRegistry registry, CallGate gate, ExecutionRecorder recorder, Func<FaasError, int> statusOf)
{
    /// <summary>What a failed handler's caller reads; the detail goes to the execution record.</summary>
    public const string FailedMessage = "The function failed; its execution record has the details.";

    /// <param name="version">A pinned version (<c>v3</c>), or null for the active one.</param>
    public async Task<HttpFunctionOutcome> InvokeAsync(string app, string? version, HttpFunctionRequest request, CancellationToken cancellationToken)
    {
        using var ticket = gate.Enter();
        var target = FunctionInvoker.ReadyVersion(registry, app, version ?? VersionId.Latest);
        var runtime = target.Runtime;
        var handler = runtime.Options.HttpHandler;
        if (!runtime.TryGetFunction(handler, out var function))
        {
            throw new FaasException(FaasError.NotFound,
                $"The application '{app}' ({target.Id}) has no HTTP handler: export a function named '{handler}' (or name another in faas.json, \"handler\").");
        }
        var execution = recorder.Begin(app, handler, target.Id, ExecutionTriggers.Http, recorder.Enabled ? HttpEventWriter.MaskedEvent(request) : null);
        var context = new HandlerContext(execution.Id, app, handler, target.Id, execution.StartedAt, request.BaseUrl, request.RequestId, ExecutionTriggers.Http);
        var arguments = new CallArguments(HttpEventWriter.Arguments(request, context), ByName: false);
        HandlerResponse? response = null;
        FaasException? failure = null;
        string? detail = null;
        try
        {
            var reply = await runtime.CallAsync(function, arguments, runtime.Options.CallTimeout, cancellationToken, execution.Id).ConfigureAwait(false);
            if (reply.Error is { } error)
            {
                failure = new FaasException(FaasError.FunctionFailed, FailedMessage);
                detail = ErrorDetail.Describe(error, target.Directory);
            }
            else
            {
                response = HandlerResultParser.Parse(reply.Result.Span);
            }
        }
        catch (HandlerResultException e)
        {
            failure = new FaasException(FaasError.FunctionFailed, FailedMessage);
            detail = "Bad return value: " + e.Message;
        }
        catch (System.Text.Json.JsonException e)
        {
            failure = new FaasException(FaasError.FunctionFailed, FailedMessage);
            detail = "Bad return value: " + e.Message;
        }
        catch (FaasException e)
        {
            failure = e;
            detail = e.Message;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            recorder.Complete(execution, ExecutionStatus.Error, 499, "The client went away before the function answered.");
            throw;
        }
        var status = response?.StatusCode ?? statusOf(failure!.Error);
        var outcome = failure switch
        {
            null => status >= 500 ? ExecutionStatus.Error : ExecutionStatus.Success,
            { Error: FaasError.Timeout } => ExecutionStatus.Timeout,
            _ => ExecutionStatus.Error,
        };
        var duration = outcome == ExecutionStatus.Success && response is { } kept && ExecutionResultText.IsText(kept.ContentType)
            ? recorder.Complete(execution, outcome, status, detail, kept.Body.Span, ExecutionResultText.IsJson(kept.ContentType))
            : recorder.Complete(execution, outcome, status, detail);
        return new HttpFunctionOutcome(execution.Id, target.Id, duration, response, failure, detail);
    }
}
