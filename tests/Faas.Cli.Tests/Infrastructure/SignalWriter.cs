using System.Text;

namespace Faas.Cli.Tests.Infrastructure;

/// <summary>A stdout that lets a test wait (bounded) until some text was written, instead of sleeping.</summary>
public sealed class SignalWriter : StringWriter
{
    private readonly object gate = new();
    private readonly List<(string Text, TaskCompletionSource Seen)> waiters = [];

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        lock (gate)
        {
            base.Write(value);
        }
        if (value == '\n')
        {
            Signal();
        }
    }

    public override void Write(string? value)
    {
        lock (gate)
        {
            base.Write(value);
        }
        Signal();
    }

    public override void WriteLine(string? value)
    {
        lock (gate)
        {
            base.WriteLine(value);
        }
        Signal();
    }

    public override Task WriteLineAsync(string? value)
    {
        WriteLine(value);
        return Task.CompletedTask;
    }

    public override string ToString()
    {
        lock (gate)
        {
            return base.ToString();
        }
    }

    public Task WaitForAsync(string text, TimeSpan timeout)
    {
        TaskCompletionSource seen = new(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            waiters.Add((text, seen));
        }
        Signal();
        return seen.Task.WaitAsync(timeout, TestContext.Current.CancellationToken)
            .ContinueWith(t => t.IsFaulted ? throw new TimeoutException($"'{text}' was not written within {timeout}; written:\n{this}") : t, TaskScheduler.Default).Unwrap();
    }

    private void Signal()
    {
        var text = ToString();
        lock (gate)
        {
            foreach (var waiter in waiters.Where(w => text.Contains(w.Text, StringComparison.Ordinal)).ToList())
            {
                waiter.Seen.TrySetResult();
                waiters.Remove(waiter);
            }
        }
    }
}
