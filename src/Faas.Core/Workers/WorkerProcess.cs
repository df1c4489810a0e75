using System.Diagnostics;
using System.Text.Json;
using Faas.Core.Calls;
using Faas.Core.Executions;
using Faas.Core.Logging;
using Faas.Core.Processes;
using Faas.Core.Rpc;

namespace Faas.Core.Workers;

/// <summary>
/// One running language worker: the child process, the JSON-RPC channel over its stdio, and its
/// stderr relayed into the app's log. When it exits, every pending call fails with the exit code
/// and the last lines it wrote to stderr.
/// </summary>
public sealed class WorkerProcess : IAsyncDisposable
{
    private const int KeptStderrLines = 20;
    // After the group is killed, only a process that left it (a setsid of its own) can hold the pipes.
    private static readonly TimeSpan OutputWait = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan KillWait = TimeSpan.FromSeconds(5);

    private readonly Process _process;
    private readonly ProcessGroup _group;
    private readonly RpcChannel _channel;
    private readonly AppLog _log;
    private readonly WorkerEvents _events;
    private readonly Queue<string> _lastStderr = new();
    private readonly Task _stderrPump;
    private readonly ExecutionOutput? _output;
    private int _disposed;
    private volatile string? _killReason;

    private WorkerProcess(string language, Process process, ProcessGroup group, AppLog log, WorkerEvents events, IWorkerRequestHandler? requests, IExecutionLog? executions)
    {
        Language = language;
        _process = process;
        _group = group;
        _log = log;
        _output = executions is null ? null : new ExecutionOutput(executions, TimeProvider.System);
        // A worker that exits (or crashes) leaves nothing behind: what it started would otherwise
        // hold its stdout/stderr open, and its end would never be seen.
        _ = process.WaitForExitAsync(CancellationToken.None).ContinueWith(_ => group.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        _events = events;
        _stderrPump = Task.Run(PumpStderrAsync);
        _channel = new RpcChannel(
            process.StandardInput.BaseStream,
            process.StandardOutput.BaseStream,
            WriteOutput,
            DescribeExitAsync,
            requests);
    }

    public string Language { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _channel.Completion.IsCompleted;

    /// <summary>Completes when the worker's output ends (it exited or is exiting).</summary>
    public Task Exited => _channel.Completion;

    /// <summary>
    /// The worker said in its load reply (<c>"ordered": true</c>) that it runs calls one at a time in
    /// arrival order, so calls may be queued on it behind the running one (pipelining).
    /// </summary>
    public bool RunsCallsInOrder => _channel.Ordered;

    /// <summary>Starts <paramref name="command"/> with the server's environment and <paramref name="environment"/> on top (no isolation).</summary>
    public static WorkerProcess Start(
        string language, WorkerCommand command, string appDirectory,
        IReadOnlyDictionary<string, string> environment, AppLog log, WorkerEvents? events = null, IWorkerRequestHandler? requests = null, IExecutionLog? executions = null) =>
        Start(language, IsolatedCommand.Inherit(command.FileName, command.Arguments, environment.ToDictionary(p => p.Key, p => (string?)p.Value)), appDirectory, log, events, requests, executions);

    /// <summary>Starts an isolated worker (<see cref="Isolation"/>): its environment is the command's alone.</summary>
    /// <param name="executions">Where its printed lines go with the execution they belong to (<see cref="ExecutionOutput"/>); null: the app's log only.</param>
    public static WorkerProcess Start(
        string language, IsolatedCommand command, string appDirectory, AppLog log, WorkerEvents? events = null, IWorkerRequestHandler? requests = null,
        IExecutionLog? executions = null)
    {
        var start = ProcessRunner.StartInfo(command.FileName, command.Arguments, appDirectory);
        command.ApplyEnvironment(start);
        var process = new Process { StartInfo = start };
        ProcessGroup group;
        try
        {
            group = ProcessGroup.Start(process, command.Cgroups);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            process.Dispose();
            throw new FaasException(FaasError.WorkerFailed, $"Could not start the {language} worker ({command.FileName}): {e.Message}", e);
        }
        log.Write("faas", $"Started the {language} worker (pid {process.Id}).");
        events ??= WorkerEvents.None;
        events.Started(language, process.Id);
        return new WorkerProcess(language, process, group, log, events, requests, executions);
    }

    public async Task<IReadOnlyList<LoadedHandle>> LoadAsync(
        IReadOnlyList<ScriptRef> scripts, string root, IReadOnlyList<string> importPaths,
        TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        RpcResponse response;
        try
        {
            response = await _channel.RequestAsync("load", writer => WriteLoadParams(writer, scripts, root, importPaths), deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new FaasException(FaasError.WorkerFailed, $"The {Language} worker did not load the app's scripts within {timeout.TotalSeconds:0} s.");
        }
        catch (RpcChannelClosedException e)
        {
            throw new FaasException(FaasError.WorkerFailed, e.Message, e);
        }
        if (response.Error is { } error)
        {
            throw new FaasException(FaasError.WorkerFailed, $"The {Language} worker could not load the app: {error.Message}");
        }
        var handles = HandleReader.Read(response.Result.Span);
        _channel.Ordered = HandleReader.IsOrdered(response.Result.Span);
        return handles;
    }

    /// <summary>Calls a function; throws <see cref="RpcChannelClosedException"/> when the worker dies first.</summary>
    /// <param name="execution">The execution id the call's log lines belong to (sent as <c>"execution"</c>), or null.</param>
    public Task<RpcResponse> CallAsync(string function, CallArguments arguments, CancellationToken cancellationToken, string? execution = null)
    {
        if (_output is null || execution is null)
        {
            return Send(function, arguments, cancellationToken, execution);
        }
        _output.Begin(execution);
        return TrackedAsync(Send(function, arguments, cancellationToken, execution), execution);
    }

    private async Task<RpcResponse> TrackedAsync(Task<RpcResponse> call, string execution)
    {
        try
        {
            return await call.ConfigureAwait(false);
        }
        finally
        {
            _output!.End(execution);
        }
    }

    private Task<RpcResponse> Send(string function, CallArguments arguments, CancellationToken cancellationToken, string? execution) =>
        _channel.RequestAsync("call", writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("name"u8, function);
            writer.WritePropertyName(arguments.ByName ? "kwargs"u8 : "args"u8);
            writer.WriteRawValue(arguments.Json.Span, skipInputValidation: true);
            if (execution is not null)
            {
                writer.WriteString("execution"u8, execution);
            }
            writer.WriteEndObject();
        }, cancellationToken);

    /// <summary>True when the worker answers a ping within <paramref name="timeout"/> (its event loop is not blocked).</summary>
    public async Task<bool> PingAsync(TimeSpan timeout, TimeProvider time)
    {
        try
        {
            using var deadline = new CancellationTokenSource(timeout, time);
            var response = await _channel.RequestAsync("ping", null, deadline.Token).ConfigureAwait(false);
            return !response.IsError;
        }
        catch (Exception e) when (e is OperationCanceledException or RpcChannelClosedException)
        {
            return false;
        }
    }

    /// <summary>
    /// Closes stdin, gives the worker <paramref name="grace"/> to finish, then kills its whole process
    /// group (whatever the worker started goes too). Calls it still holds fail with
    /// <paramref name="reason"/>. Not cancellable, and bounded: about grace + 12 s at worst, even when
    /// something holds the worker's pipes.
    /// </summary>
    public async Task StopAsync(TimeSpan grace, string? reason = null)
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        _channel.Close(reason ?? $"The {Language} worker was stopped.");
        var exited = await WaitAsync(_process.WaitForExitAsync(CancellationToken.None), grace).ConfigureAwait(false);
        if (!exited && grace > TimeSpan.Zero)
        {
            _events.Killed(Language, _process.Id, grace);
        }
        _group.Dispose();
        if (!exited && !await WaitAsync(_process.WaitForExitAsync(CancellationToken.None), KillWait).ConfigureAwait(false))
        {
            _log.Write("faas", $"The {Language} worker (pid {_process.Id}) did not exit after SIGKILL within {KillWait.TotalSeconds:0} s.");
        }
        await FinishStopAsync().ConfigureAwait(false);
    }

    private async Task FinishStopAsync()
    {
        await _channel.DisposeAsync().ConfigureAwait(false);
        await WaitAsync(_stderrPump, OutputWait).ConfigureAwait(false);
        _log.Write("faas", $"The {Language} worker (pid {_process.Id}) stopped.");
        _events.Stopped(Language, _process.Id);
        _process.Dispose();
    }

    public ValueTask DisposeAsync() => new(StopAsync(TimeSpan.FromSeconds(5)));

    /// <summary>
    /// Kills a stuck worker (its whole group) at once. Its output is read to the end first (bounded), so a
    /// reply it wrote before dying still reaches its caller and, for an ordered worker, calls queued behind
    /// the stuck one fail as not started (see <see cref="RpcChannel.Ordered"/>); the rest fail with <paramref name="reason"/>.
    /// </summary>
    public async Task KillAsync(string reason)
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        _killReason = reason;
        _group.Dispose();
        await WaitAsync(_channel.Completion, TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        _channel.Close(reason);
        if (!await WaitAsync(_process.WaitForExitAsync(CancellationToken.None), KillWait).ConfigureAwait(false))
        {
            _log.Write("faas", $"The {Language} worker (pid {_process.Id}) did not exit after SIGKILL within {KillWait.TotalSeconds:0} s.");
        }
        await FinishStopAsync().ConfigureAwait(false);
    }

    /// <summary>True when <paramref name="task"/> completed within <paramref name="limit"/>.</summary>
    private static async Task<bool> WaitAsync(Task task, TimeSpan limit)
    {
        try
        {
            await task.WaitAsync(limit).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private static void WriteLoadParams(Utf8JsonWriter writer, IReadOnlyList<ScriptRef> scripts, string root, IReadOnlyList<string> importPaths)
    {
        writer.WriteStartObject();
        writer.WriteString("root"u8, root);
        writer.WriteStartArray("scripts"u8);
        foreach (var script in scripts)
        {
            writer.WriteStartObject();
            writer.WriteString("name"u8, script.Name);
            writer.WriteString("path"u8, script.Path);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteStartArray("importPaths"u8);
        foreach (var path in importPaths)
        {
            writer.WriteStringValue(path);
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private async Task PumpStderrAsync()
    {
        try
        {
            await PumpStderrLinesAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // Closed under us (the process was disposed): the same as its end.
        }
    }

    private async Task PumpStderrLinesAsync()
    {
        var stderr = _process.StandardError;
        while (await stderr.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            lock (_lastStderr)
            {
                _lastStderr.Enqueue(line);
                if (_lastStderr.Count > KeptStderrLines)
                {
                    _lastStderr.Dequeue();
                }
            }
            WriteOutput(line);
        }
    }

    /// <summary>A line the worker printed: to its execution when it is certain whose (<see cref="ExecutionOutput"/>), then to the app's log.</summary>
    private void WriteOutput(string line)
    {
        _output?.Write(line);
        _log.Write(Language, line);
    }

    private async Task<string> DescribeExitAsync()
    {
        if (_killReason is { } killed)
        {
            return killed;
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            await _stderrPump.WaitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return $"The {Language} worker closed its output.";
        }
        var code = _process.ExitCode;
        var signal = code > 128 ? $" (killed by signal {code - 128})" : "";
        string tail;
        lock (_lastStderr)
        {
            tail = string.Join('\n', _lastStderr.TakeLast(5));
        }
        var message = $"The {Language} worker exited with code {code}{signal}.";
        if (Volatile.Read(ref _disposed) == 0)
        {
            _log.Write("faas", message);
            _events.Exited(Language, _process.Id, code);
        }
        return tail.Length > 0 ? $"{message} Last stderr lines:\n{tail}" : message;
    }
}
