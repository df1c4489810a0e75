using Faas.Core.Calls;
using Faas.Core.Logging;
using Faas.Core.Rpc;
using Faas.Core.Workers;

namespace Faas.Core.Deployments;

/// <summary>
/// An app's worker for one language. If the process dies, the calls it held fail at once and the
/// next call starts and loads a fresh process.
/// </summary>
internal sealed class LanguageWorker(string language, IReadOnlyList<ScriptRef> scripts, WorkerLaunch launch, AppLog log) : IAsyncDisposable
{
    private readonly SemaphoreSlim _startGate = new(1, 1);
    private WorkerProcess? _current;
    private bool _disposed;

    public string Language => language;

    public IEnumerable<int> ProcessIds => _current is { HasExited: false } current ? [current.ProcessId] : [];

    public async Task<IReadOnlyList<LoadedHandle>> StartAsync(CancellationToken cancellationToken)
    {
        if (!launch.Runtimes.TryGetCommand(language, out var command))
        {
            throw new FaasException(FaasError.BadRequest,
                $"There is no worker for the language '{language}' (supported: {string.Join(", ", launch.Runtimes.Languages.Append(WorkerRuntimes.File))}).");
        }
        var process = WorkerProcess.Start(language, command, launch.AppDirectory, launch.Environment, log);
        try
        {
            var handles = await process.LoadAsync(scripts, launch.AppDirectory, launch.ImportPaths, launch.Options.LoadTimeout, cancellationToken).ConfigureAwait(false);
            _current = process;
            return handles;
        }
        catch
        {
            await process.StopAsync(TimeSpan.Zero).ConfigureAwait(false);
            throw;
        }
    }

    public async Task<RpcResponse> CallAsync(string function, CallArguments arguments, CancellationToken cancellationToken)
    {
        var process = _current;
        if (process is null || process.HasExited)
        {
            process = await RestartAsync(process, cancellationToken).ConfigureAwait(false);
        }
        try
        {
            return await process.CallAsync(function, arguments, cancellationToken).ConfigureAwait(false);
        }
        catch (RpcChannelClosedException e)
        {
            throw new FaasException(FaasError.WorkerFailed, e.Message, e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _startGate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            _disposed = true;
            if (_current is { } current)
            {
                await current.StopAsync(launch.Options.StopTimeout).ConfigureAwait(false);
            }
        }
        finally
        {
            _startGate.Release();
        }
    }

    private async Task<WorkerProcess> RestartAsync(WorkerProcess? dead, CancellationToken cancellationToken)
    {
        await _startGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_current is { HasExited: false } current && current != dead)
            {
                return current;
            }
            if (dead is not null)
            {
                await dead.StopAsync(TimeSpan.Zero).ConfigureAwait(false);
            }
            log.Write("faas", $"Starting a new {language} worker.");
            await StartAsync(cancellationToken).ConfigureAwait(false);
            return _current!;
        }
        finally
        {
            _startGate.Release();
        }
    }
}
