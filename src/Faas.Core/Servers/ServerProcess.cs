using System.Diagnostics;
using Faas.Core.Logging;
using Faas.Core.Processes;

namespace Faas.Core.Servers;

/// <summary>
/// Supervises one version's HTTP server: starts it on a free loopback port on demand (the first
/// request waits for it to answer HTTP), stops it after <see cref="ServerAppOptions.IdleTimeout"/> without
/// requests, restarts it after a crash with a doubling back-off, and stops it once its requests are
/// done when the version is no longer active (a later request starts it again). Its output goes to the app log.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private static readonly HttpClient Probe = new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, ConnectTimeout = TimeSpan.FromSeconds(1) })
    {
        Timeout = TimeSpan.FromSeconds(2),
    };

    private readonly Func<int, ServerCommand> _command;
    private readonly AppLog _log;
    private readonly ServerAppOptions _options;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _disposing = new();
    private readonly object _lock = new();
    private readonly ITimer? _idleTimer;
    private ServerInstance? _current;
    private Task<ServerInstance>? _starting;
    private int _inFlight;
    private long _lastUsed;
    private bool _parked;
    private bool _disposed;
    private int _crashes;
    // Set when the process exited by itself, until a new one answers.
    private bool _crashed;

    public ServerProcess(string kind, Func<int, ServerCommand> command, AppLog log, ServerAppOptions options, TimeProvider time)
    {
        Kind = kind;
        _command = command;
        _log = log;
        _options = options;
        _time = time;
        _lastUsed = time.GetTimestamp();
        if (options.IdleTimeout > TimeSpan.Zero)
        {
            var period = TimeSpan.FromTicks(Math.Max(options.IdleTimeout.Ticks / 2, TimeSpan.FromMilliseconds(50).Ticks));
            _idleTimer = time.CreateTimer(_ => StopIfIdle(), null, period, period);
        }
    }

    /// <summary>Its kind (<c>node-server</c>, <c>container</c>, ...).</summary>
    public string Kind { get; }

    /// <summary>Whether a server process runs now.</summary>
    public bool IsRunning => _current is { Stopping: false };

    /// <summary>The loopback port of the running process, if any.</summary>
    public int? Port => _current?.Port;

    /// <summary>What its process is doing now.</summary>
    public ServerProcessState State
    {
        get
        {
            lock (_lock)
            {
                var current = _current is { Stopping: false } running ? running : null;
                var failed = _crashed && _crashes >= _options.MaxCrashes;
                var state = current is not null ? Pools.ProcessStates.Running
                    : _starting is not null ? Pools.ProcessStates.Starting
                    : failed ? Pools.ProcessStates.Failed
                    : _crashed ? Pools.ProcessStates.Crashed
                    : Pools.ProcessStates.Idle;
                return new ServerProcessState(Kind, state, current?.Process.Id, current?.Port, current?.Command.Container, _crashed ? _crashes : 0,
                    failed ? $"the {Kind} crashed {_crashes} times in a row" : null);
            }
        }
    }

    /// <summary>Raised after <see cref="ServerAppOptions.MaxCrashes"/> crashes in a row.</summary>
    public event Action<string>? Failed;

    /// <summary>Raised when the process stops by our choice (idle, switch) or by a crash.</summary>
    public event Action? Stopped;

    /// <summary>Starts the server now and waits until it answers (a deploy: a failure fails the version).</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var lease = await AcquireAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A running server to send one request to, started first if needed; dispose it once the response is done.</summary>
    public async Task<ServerLease> AcquireAsync(CancellationToken cancellationToken)
    {
        Task<ServerInstance> start;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _parked = false;
            _inFlight++;
            start = _current is { Stopping: false } running ? Task.FromResult(running) : (_starting ??= Task.Run(StartInstanceAsync));
        }
        try
        {
            // Running (the usual case): no wait, and the address is the instance's own.
            var instance = start.IsCompletedSuccessfully ? start.Result : await start.WaitAsync(cancellationToken).ConfigureAwait(false);
            return new ServerLease(this, instance.Address);
        }
        catch
        {
            Release();
            throw;
        }
    }

    /// <summary>Stops the server once its requests are done (its version is no longer active); a later request starts it again.</summary>
    public void Park()
    {
        lock (_lock)
        {
            _parked = true;
            if (_inFlight == 0)
            {
                StopCurrent("its version is no longer active");
            }
        }
    }

    internal void Release()
    {
        lock (_lock)
        {
            _inFlight--;
            _lastUsed = _time.GetTimestamp();
            if (_parked && _inFlight == 0)
            {
                StopCurrent("its version is no longer active");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        ServerInstance? current;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            current = _current;
            _current = null;
        }
        await _disposing.CancelAsync().ConfigureAwait(false);
        _idleTimer?.Dispose();
        if (current is not null)
        {
            await KillAsync(current).ConfigureAwait(false);
        }
        if (_starting is { } starting)
        {
            try
            {
                var started = await starting.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
                await KillAsync(started).ConfigureAwait(false);
            }
            catch (Exception e) when (e is FaasException or OperationCanceledException or TimeoutException or ObjectDisposedException)
            {
                // Never started.
            }
        }
    }

    private void StopIfIdle()
    {
        lock (_lock)
        {
            if (_current is { Stopping: false } && _inFlight == 0 && _time.GetElapsedTime(_lastUsed) >= _options.IdleTimeout)
            {
                StopCurrent($"idle for {_options.IdleTimeout}");
            }
        }
    }

    /// <summary>Under the lock.</summary>
    private void StopCurrent(string why)
    {
        if (_current is not { } current)
        {
            return;
        }
        _current = null;
        _log.Write("faas", $"Stopping the {Kind} (pid {current.Process.Id}): {why}.");
        _ = KillAsync(current);
    }

    private async Task KillAsync(ServerInstance instance)
    {
        instance.Stopping = true;
        // A container is removed through its engine before its `run` client is killed: a client killed mid-way can
        // leave the container running, out of our reach. Tried again after the kill if the first removal failed.
        var removed = instance.Command.CleanupArguments is null || await CleanUpAsync(instance.Command, last: false).ConfigureAwait(false);
        instance.Group.Dispose();
        if (!removed)
        {
            await CleanUpAsync(instance.Command, last: true).ConfigureAwait(false);
        }
        try
        {
            await instance.Exited.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Killed; the exit is reaped later.
        }
        instance.Process.Dispose();
        Stopped?.Invoke();
    }

    /// <summary>Runs the command's cleanup (<c>rm -f</c> of its container); false, and logged when <paramref name="last"/>, if it failed.</summary>
    private async Task<bool> CleanUpAsync(ServerCommand command, bool last)
    {
        try
        {
            var result = await ProcessRunner.RunAsync(command.FileName, command.CleanupArguments!, command.WorkingDirectory, TimeSpan.FromSeconds(30)).ConfigureAwait(false);
            if (!result.Succeeded && last)
            {
                _log.Write("faas", $"Could not remove what the {Kind} left ({(result.TimedOut ? "timed out" : $"exit {result.ExitCode}")}): {result.Tail(5)}");
            }
            return result.Succeeded;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            if (last)
            {
                _log.Write("faas", $"Could not remove what the {Kind} left: {e.Message}");
            }
            return false;
        }
    }

    private async Task<ServerInstance> StartInstanceAsync()
    {
        ServerInstance? instance = null;
        try
        {
            instance = await LaunchAsync(_disposing.Token).ConfigureAwait(false);
            lock (_lock)
            {
                if (_disposed)
                {
                    _ = KillAsync(instance);
                    throw new ObjectDisposedException(nameof(ServerProcess));
                }
                _current = instance;
                _crashed = false;
            }
            _ = WatchAsync(instance);
            return instance;
        }
        finally
        {
            lock (_lock)
            {
                _starting = null;
            }
        }
    }

    private async Task<ServerInstance> LaunchAsync(CancellationToken cancellationToken)
    {
        var port = FreePort.Next();
        var command = _command(port);
        var start = ProcessRunner.StartInfo(command.FileName, command.Arguments, command.WorkingDirectory);
        foreach (var (key, value) in command.Environment)
        {
            start.Environment[key] = value;
        }
        var process = new Process { StartInfo = start };
        ProcessGroup group;
        try
        {
            group = ProcessGroup.Start(process);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            process.Dispose();
            throw new FaasException(FaasError.DeployFailed, $"The {Kind} could not start ({command.FileName}): {e.Message}");
        }
        process.StandardInput.Close();
        var lastLines = new Queue<string>();
        void Line(string line)
        {
            lock (lastLines)
            {
                lastLines.Enqueue(line);
                if (lastLines.Count > 20)
                {
                    lastLines.Dequeue();
                }
            }
            _log.Write(Kind, line);
        }
        var instance = new ServerInstance(process, group, command, port, _time.GetTimestamp());
        var output = Task.WhenAll(PumpAsync(process.StandardOutput, Line), PumpAsync(process.StandardError, Line));
        instance.Exited = Task.WhenAll(process.WaitForExitAsync(CancellationToken.None), output.WaitAsync(TimeSpan.FromSeconds(30)).ContinueWith(_ => { }, TaskScheduler.Default));
        _log.Write("faas", $"Starting the {Kind} on 127.0.0.1:{port} (pid {process.Id}).");
        var exited = process.WaitForExitAsync(CancellationToken.None);
        var deadline = _time.GetTimestamp();
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (exited.IsCompleted)
                {
                    await output.WaitAsync(TimeSpan.FromSeconds(2), CancellationToken.None).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
                    string tail;
                    lock (lastLines)
                    {
                        tail = string.Join('\n', lastLines);
                    }
                    throw new FaasException(FaasError.DeployFailed, $"The {Kind} exited with code {process.ExitCode} before it answered HTTP on its port: {tail}");
                }
                if (await AnswersAsync(port, cancellationToken).ConfigureAwait(false))
                {
                    _log.Write("faas", $"The {Kind} answers on 127.0.0.1:{port}.");
                    return instance;
                }
                if (_time.GetElapsedTime(deadline) > _options.StartTimeout)
                {
                    throw new FaasException(FaasError.DeployFailed,
                        $"The {Kind} did not answer HTTP on 127.0.0.1:{port} within {_options.StartTimeout}: it must listen on the port in the PORT environment variable.");
                }
                await Task.WhenAny(exited, Task.Delay(TimeSpan.FromMilliseconds(50), _time, cancellationToken)).ConfigureAwait(false);
            }
        }
        catch
        {
            await KillAsync(instance).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Any HTTP answer counts (a 404 on <c>/</c> too): the server is up.</summary>
    private static async Task<bool> AnswersAsync(int port, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await Probe.GetAsync(new Uri($"http://127.0.0.1:{port}/"), HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>After a crash: restarts it after a back-off (doubling per crash in a row, reset after a minute of running).</summary>
    private async Task WatchAsync(ServerInstance instance)
    {
        await instance.Process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        if (instance.Stopping)
        {
            return;
        }
        int crashes;
        lock (_lock)
        {
            if (_current == instance)
            {
                _current = null;
            }
            _crashes = _time.GetElapsedTime(instance.StartedAt) > TimeSpan.FromMinutes(1) ? 1 : _crashes + 1;
            _crashed = true;
            crashes = _crashes;
        }
        instance.Stopping = true;
        instance.Group.Dispose();
        var exitCode = instance.Process.ExitCode;
        instance.Process.Dispose();
        var delay = TimeSpan.FromTicks(Math.Min(TimeSpan.FromMilliseconds(100).Ticks << Math.Min(crashes - 1, 20), _options.MaxRestartDelay.Ticks));
        _log.Write("faas", $"The {Kind} exited with code {exitCode} (crash {crashes} in a row); restarting in {delay.TotalSeconds:0.###} s.");
        Stopped?.Invoke();
        if (crashes >= _options.MaxCrashes)
        {
            Failed?.Invoke($"the {Kind} crashed {crashes} times in a row");
        }
        try
        {
            await Task.Delay(delay, _time, _disposing.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        Task<ServerInstance> restart;
        lock (_lock)
        {
            if (_disposed || _parked || _current is not null || _starting is not null)
            {
                return;
            }
            restart = _starting = Task.Run(StartInstanceAsync);
        }
        try
        {
            await restart.ConfigureAwait(false);
        }
        catch (Exception e) when (e is FaasException or ObjectDisposedException or OperationCanceledException)
        {
            _log.Write("faas", $"The restart failed: {e.Message} The next request tries again.");
        }
    }

    private static async Task PumpAsync(StreamReader reader, Action<string> onLine)
    {
        try
        {
            while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                onLine(line);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // Closed under us.
        }
    }
}
