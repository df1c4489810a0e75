using System.Threading.Channels;

namespace Faas.Cli.Folders;

/// <summary>
/// Watches a functions folder and yields the apps whose files changed, once each per burst of changes
/// (debounced: editors write a file several times). Changes under skipped folders (hidden, <c>node_modules</c>, ...)
/// never count, so an install inside a folder does not trigger a redeploy.
/// </summary>
internal sealed class FolderWatcher : IDisposable
{
    private static readonly HashSet<string> Skipped = new(StringComparer.Ordinal) { "node_modules", "target", "__pycache__", "venv", "dist", "build" };

    private readonly string root;
    private readonly FileSystemWatcher watcher;

    // The watcher's callbacks write app names; WatchAsync reads them.
    private readonly Channel<string> changes = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });

    public FolderWatcher(string root)
    {
        this.root = Path.GetFullPath(root);
        watcher = new FileSystemWatcher(this.root)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
        };
        watcher.Changed += (_, e) => OnChange(e.FullPath);
        watcher.Created += (_, e) => OnChange(e.FullPath);
        watcher.Deleted += (_, e) => OnChange(e.FullPath);
        watcher.Renamed += (_, e) =>
        {
            OnChange(e.OldFullPath);
            OnChange(e.FullPath);
        };
        watcher.EnableRaisingEvents = true;
    }

    /// <summary>Batches of changed app names: each batch once no change came for <paramref name="debounce"/>.</summary>
    public async IAsyncEnumerable<IReadOnlySet<string>> WatchAsync(TimeSpan debounce, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (await changes.Reader.WaitToReadAsync(cancellationToken))
        {
            var batch = new HashSet<string>(StringComparer.Ordinal);
            while (true)
            {
                while (changes.Reader.TryRead(out var app))
                {
                    batch.Add(app);
                }
                using var quiet = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                quiet.CancelAfter(debounce);
                try
                {
                    await changes.Reader.WaitToReadAsync(quiet.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    break;
                }
            }
            yield return batch;
        }
    }

    public void Dispose()
    {
        watcher.Dispose();
        changes.Writer.TryComplete();
    }

    private void OnChange(string path)
    {
        var relative = Path.GetRelativePath(root, path).Replace('\\', '/').Split('/');
        if (relative.Length < 2 || relative[0] == ".." || relative.Any(part => part.StartsWith('.') || Skipped.Contains(part)))
        {
            return;
        }
        changes.Writer.TryWrite(relative[0]);
    }
}
