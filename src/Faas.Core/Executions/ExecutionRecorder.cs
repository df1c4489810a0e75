using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Faas.Core.Executions;

/// <summary>
/// Records every execution and its log lines off the hot path: callers only try to write to a bounded
/// channel (never wait); one background loop drains it into SQLite in batches. When the writer falls
/// behind and the channel is full, items are dropped and counted (<see cref="Dropped"/>), so the
/// history can never slow or fail a call. An execution is one queue item, completed in place: the writer
/// writes it finished if it ended before the writer took it, else as <c>pending</c> and its end later.
/// </summary>
public sealed partial class ExecutionRecorder : IExecutionLog
{
    // Written by calls (Begin/Complete) and workers' log lines; read by RunAsync alone.
    private readonly Channel<HistoryItem> _queue;
    private readonly ExecutionStore _store;
    private readonly ExecutionOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<ExecutionRecorder> _logger;
    private long _dropped;
    private long _droppedReported;
    // The loop's connection and prepared statements, kept across batches (reopened after a failed batch).
    private ExecutionWriter? _writer;
    // The loop's batch, reused from one batch to the next.
    private readonly List<RunningExecution> _executions = [];
    private readonly List<(string, ExecutionLogLine)> _lines = [];
    private readonly List<TaskCompletionSource> _flushes = [];

    public ExecutionRecorder(ExecutionStore store, ExecutionOptions options, TimeProvider time, ILogger<ExecutionRecorder> logger)
    {
        _store = store;
        _options = options;
        _time = time;
        _logger = logger;
        _queue = Channel.CreateBounded<HistoryItem>(new BoundedChannelOptions(Math.Max(1, options.QueueCapacity))
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>Records and log lines dropped because the writer fell behind, since start-up.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public bool Enabled => _options.Record;

    public ExecutionOptions Options => _options;

    /// <summary>Starts an execution: a new id, queued for the history (written as <c>pending</c> if it is still running when the writer takes it).</summary>
    public RunningExecution Begin(string app, string function, string version, string trigger, string? maskedEvent = null)
    {
        var now = _time.GetUtcNow();
        var execution = new RunningExecution(ExecutionId.New(now), app, function, version, trigger, now, maskedEvent, _time.GetTimestamp());
        if (_options.Record && !Enqueue(new HistoryItem(execution, null, null)))
        {
            execution.MarkOutside();
        }
        return execution;
    }

    /// <summary>Ends an execution; returns its duration in milliseconds.</summary>
    public double Complete(RunningExecution execution, string status, int? httpStatus, string? error) =>
        Complete(execution, status, httpStatus, error, default, json: null);

    /// <summary>Ends an execution with the value it returned (UTF-8), kept as text when recording (see <see cref="ExecutionResultText"/>).</summary>
    /// <param name="json">Whether <paramref name="result"/> is JSON (masked); null: nothing to keep.</param>
    /// <remarks>
    /// The end is set on the execution in place. It is queued again only when the writer has already let it go
    /// (written it as pending, or it was dropped at the start); otherwise the writer finds it completed. A second
    /// end of the same execution goes to a copy, queued on its own, so the last end wins as in the database.
    /// </remarks>
    public double Complete(RunningExecution execution, string status, int? httpStatus, string? error, ReadOnlySpan<byte> result, bool? json)
    {
        var duration = Math.Round(_time.GetElapsedTime(execution.Timestamp).TotalMilliseconds, 3);
        if (_options.Record)
        {
            var text = json is { } isJson ? ExecutionResultText.Of(result, isJson) : null;
            var ended = execution.TryClaimEnd() ? execution : execution.Copy();
            if (ended.Complete(status, httpStatus, duration, error, text))
            {
                Enqueue(new HistoryItem(ended, null, null));
            }
        }
        return duration;
    }

    public void Append(string executionId, string level, string message, DateTimeOffset at)
    {
        if (_options.Record)
        {
            Enqueue(new HistoryItem(null, executionId, new ExecutionLogLine(level, message, at)));
        }
    }

    /// <summary>Waits until everything queued before this call is written (the API reads its own writes). Readers only: calls never wait.</summary>
    public async Task<bool> FlushAsync(CancellationToken cancellationToken)
    {
        if (!_options.Record)
        {
            return true;
        }
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _queue.Writer.WriteAsync(new HistoryItem(null, null, null, done), cancellationToken).ConfigureAwait(false);
        await done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// The writer loop: ends interrupted executions, then writes batches until <paramref name="stoppingToken"/>, then drains what is left.
    /// It runs on a thread of its own: SQLite blocks (a commit, a WAL checkpoint's fsync), and a blocked thread-pool
    /// thread is one of the few (as many as cores) that serve requests until the pool notices and adds one.
    /// </summary>
    public Task RunAsync(CancellationToken stoppingToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                Run(stoppingToken);
                done.TrySetResult();
            }
            catch (Exception e)
            {
                done.TrySetException(e);
            }
        })
        {
            IsBackground = true,
            Name = "Faas history writer",
        };
        thread.Start();
        return done.Task;
    }

    private void Run(CancellationToken stoppingToken)
    {
        var interrupted = _store.MarkInterrupted();
        if (interrupted > 0)
        {
            LogInterrupted(interrupted);
        }
        var reader = _queue.Reader;
        try
        {
            while (reader.WaitToReadAsync(stoppingToken).AsTask().GetAwaiter().GetResult())
            {
                if (_options.BatchDelay > TimeSpan.Zero)
                {
                    Task.Delay(_options.BatchDelay, _time, stoppingToken).GetAwaiter().GetResult();
                }
                while (reader.TryPeek(out _))
                {
                    WriteBatch(reader);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        while (reader.TryPeek(out _))
        {
            WriteBatch(reader);
        }
        _writer?.Dispose();
        _writer = null;
    }

    /// <summary>Deletes executions past the age and count limits; returns how many.</summary>
    /// <param name="perApp">Apps with limits of their own (their <c>faas.json</c>); a null limit is the server's.</param>
    public int Prune(IReadOnlyDictionary<string, HistoryRetention>? perApp = null)
    {
        var now = _time.GetUtcNow();
        perApp ??= new Dictionary<string, HistoryRetention>();
        var deleted = _store.Prune(now - _options.MaxAge, _options.MaxPerApp, except: [.. perApp.Keys]);
        foreach (var (app, retention) in perApp)
        {
            deleted += _store.Prune(now - (retention.MaxAge ?? _options.MaxAge), retention.MaxCount ?? _options.MaxPerApp, app);
        }
        if (deleted > 0)
        {
            LogPruned(deleted);
        }
        return deleted;
    }

    /// <summary>Queues <paramref name="item"/>, or counts it dropped (false) when the queue is full.</summary>
    private bool Enqueue(HistoryItem item)
    {
        if (_queue.Writer.TryWrite(item))
        {
            return true;
        }
        Interlocked.Increment(ref _dropped);
        return false;
    }

    private void WriteBatch(ChannelReader<HistoryItem> reader)
    {
        var executions = _executions;
        var lines = _lines;
        var flushes = _flushes;
        var count = 0;
        while (count < _options.BatchSize && reader.TryRead(out var item))
        {
            count++;
            if (item.Execution is { } execution)
            {
                executions.Add(execution);
            }
            else if (item.Line is { } line)
            {
                lines.Add((item.ExecutionId!, line));
            }
            else if (item.Flushed is { } flushed)
            {
                flushes.Add(flushed);
            }
        }
        try
        {
            if (executions.Count > 0 || lines.Count > 0)
            {
                _writer ??= _store.OpenWriter();
                _writer.Write(executions, lines);
            }
        }
        catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or IOException or InvalidOperationException)
        {
            _writer?.Dispose();
            _writer = null;
            // Those the failed batch had not reached yet are let go too, so that their ends are queued on their own.
            foreach (var execution in executions)
            {
                execution.TakeForWriting();
            }
            Interlocked.Add(ref _dropped, executions.Count + lines.Count);
            LogWriteFailed(e, executions.Count + lines.Count);
        }
        foreach (var flushed in flushes)
        {
            flushed.TrySetResult();
        }
        executions.Clear();
        lines.Clear();
        flushes.Clear();
        var dropped = Dropped;
        if (dropped != _droppedReported)
        {
            LogDropped(dropped - _droppedReported, dropped);
            _droppedReported = dropped;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} executions were still running when the server last stopped; they are recorded as errors.")]
    private partial void LogInterrupted(int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Execution history: {Count} old executions pruned.")]
    private partial void LogPruned(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Execution history: {Count} records or log lines dropped because the writer fell behind ({Total} since start-up).")]
    private partial void LogDropped(long count, long total);

    [LoggerMessage(Level = LogLevel.Error, Message = "Execution history: a batch of {Count} items could not be written.")]
    private partial void LogWriteFailed(Exception exception, int count);

    /// <summary>An execution (started or ended), a log line, or a flush marker.</summary>
    private readonly record struct HistoryItem(RunningExecution? Execution, string? ExecutionId, ExecutionLogLine? Line, TaskCompletionSource? Flushed = null);
}
