using Faas.Core.Deployments;
using Faas.Core.Executions;
using Faas.Core.Rpc;

namespace Faas.Core.Calls;

/// <summary>
/// Runs a call: finds the app and the function, binds the body to arguments, relays to the worker. Once the
/// function is found the call is an execution (trigger <c>call</c>) in the history, when a recorder is given.
/// </summary>
/// <param name="statusOf">The HTTP status each <see cref="FaasError"/> answers (kept in the record).</param>
public sealed class FunctionInvoker(
    DeploymentRegistry registry, CallGate gate, long maxResultBytes = 32 * 1024 * 1024, ExecutionRecorder? recorder = null, Func<FaasError, int>? statusOf = null)
{
    /// <param name="timeout">The caller's own timeout (the X-Faas-Timeout header), else the app's.</param>
    /// <param name="version">The route's version: <c>latest</c> or a kept <c>vN</c>.</param>
    public async Task<CallResult> InvokeAsync(
        string? suffix, string? version, string function, ReadOnlyMemory<byte> body, string? contentType, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        using var ticket = gate.Enter();
        var target = ReadyVersion(registry, suffix, version);
        var runtime = target.Runtime;
        if (!runtime.TryGetFunction(function, out var info))
        {
            throw new FaasException(FaasError.NotFound, $"The function '{function}' does not exist in the application '{suffix}'.");
        }
        if (recorder is null)
        {
            return await CallAsync(runtime, info, function, body, contentType, timeout, null, cancellationToken).ConfigureAwait(false);
        }
        var execution = recorder.Begin(registry.Get(suffix, FaasError.NotFound).Name.Value, function, target.Id, ExecutionTriggers.Call);
        try
        {
            var result = await CallAsync(runtime, info, function, body, contentType, timeout, execution.Id, cancellationToken, target.Directory).ConfigureAwait(false);
            recorder.Complete(execution, ExecutionStatus.Success, 200, null, result.Json.IsEmpty ? "null"u8 : result.Json.Span, json: true);
            return result;
        }
        catch (FaasException e)
        {
            recorder.Complete(execution, e.Error == FaasError.Timeout ? ExecutionStatus.Timeout : ExecutionStatus.Error, statusOf?.Invoke(e.Error),
                e.Data[DetailKey] as string ?? e.Message);
            throw;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            recorder.Complete(execution, ExecutionStatus.Error, 499, "The client went away before the function answered.");
            throw;
        }
    }

    /// <summary>Where a function error's detail for the execution record travels with the exception the caller sees.</summary>
    private const string DetailKey = "faas.executionDetail";

    private async Task<CallResult> CallAsync(
        AppRuntime runtime, Workers.FunctionInfo info, string function, ReadOnlyMemory<byte> body, string? contentType, TimeSpan? timeout, string? execution,
        CancellationToken cancellationToken, string? directory = null)
    {
        var arguments = ArgumentBinder.Bind(body, contentType, info.Parameters);
        var response = await runtime.CallAsync(info, arguments, timeout ?? runtime.Options.CallTimeout, cancellationToken, execution).ConfigureAwait(false);
        if (response.Error is { } error)
        {
            var failure = error.Code switch
            {
                RpcErrorCodes.MethodNotFound => new FaasException(FaasError.NotFound, error.Message),
                RpcErrorCodes.InvalidParams => new FaasException(FaasError.BadRequest, error.Message),
                _ => new FaasException(FaasError.FunctionFailed, error.Message),
            };
            if (execution is not null)
            {
                failure.Data[DetailKey] = Functions.ErrorDetail.Describe(error, directory);
            }
            throw failure;
        }
        if (response.Result.Length > maxResultBytes)
        {
            throw new FaasException(FaasError.TooLarge, $"The result of '{function}' is {response.Result.Length} bytes, over the limit of {maxResultBytes} bytes.");
        }
        return new CallResult(response.Result.Span.SequenceEqual("null"u8) ? ReadOnlyMemory<byte>.Empty : response.Result);
    }

    /// <summary>The kept version a route names, or the error a caller of an app that is not running should see.</summary>
    internal static AppVersion ReadyVersion(DeploymentRegistry registry, string? suffix, string? version)
    {
        if (!registry.TryGet(suffix, out var deployment) || deployment.Status == DeploymentStatus.Create && deployment.Active is null)
        {
            throw new AppNotDeployedException(suffix);
        }
        if (deployment.Active is null)
        {
            throw new FaasException(FaasError.Unavailable, $"The application '{suffix}' failed to deploy: {deployment.Error}");
        }
        return deployment.Resolve(version)
            ?? throw new FaasException(FaasError.NotFound,
                $"The application '{suffix}' has no version '{version}' (kept: {DeploymentManager.KeptList(deployment)}; 'latest' is the active one).");
    }
}
