using System.Text;

namespace Faas.Core.Logging;

/// <summary>
/// One app's log: installer output, worker stdout/stderr and lifecycle events. The recent lines
/// are kept in memory for <c>/api/deploy/logs</c>; every line is also appended to a file that
/// rotates once it passes <see cref="MaxFileBytes"/>, so a chatty function cannot fill the disk.
/// </summary>
public sealed class AppLog : IDisposable
{
    public const int KeptLines = 1000;
    public const long MaxFileBytes = 5 * 1024 * 1024;
    private const int MaxLineChars = 8 * 1024;

    private readonly Lock _gate = new();
    private readonly Queue<string> _recent = new();
    private readonly string _path;
    private FileStream? _file;

    public AppLog(string path)
    {
        _path = path;
        LoadTail();
    }

    /// <summary>Raised after each line is written (for live log streams).</summary>
    public event Action<string>? LineWritten;

    public void Write(string source, string text)
    {
        if (text.Length > MaxLineChars)
        {
            text = string.Concat(text.AsSpan(0, MaxLineChars), "…");
        }
        var line = $"{DateTime.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ} [{source}] {text}";
        lock (_gate)
        {
            _recent.Enqueue(line);
            if (_recent.Count > KeptLines)
            {
                _recent.Dequeue();
            }
            AppendToFile(line);
        }
        LineWritten?.Invoke(line);
    }

    public IReadOnlyList<string> Recent(int max = KeptLines)
    {
        lock (_gate)
        {
            return [.. _recent.TakeLast(max)];
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _file?.Dispose();
            _file = null;
        }
    }

    private void AppendToFile(string line)
    {
        try
        {
            if (_file is null)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
                _file = new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
            }
            var bytes = Encoding.UTF8.GetBytes(line + "\n");
            _file.Write(bytes);
            _file.Flush();
            if (_file.Length > MaxFileBytes)
            {
                _file.Dispose();
                _file = null;
                File.Move(_path, _path + ".1", overwrite: true);
            }
        }
        catch (IOException)
        {
            // The app folder may be being deleted; the in-memory lines still serve /logs.
            _file?.Dispose();
            _file = null;
        }
    }

    private void LoadTail()
    {
        if (!File.Exists(_path))
        {
            return;
        }
        try
        {
            foreach (var line in File.ReadLines(_path).TakeLast(KeptLines))
            {
                _recent.Enqueue(line);
            }
        }
        catch (IOException)
        {
            // An unreadable old log is not a reason to refuse to start the app.
        }
    }
}
