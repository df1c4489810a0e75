namespace Faas.Worker.CSharp;

/// <summary>
/// An exclusive lock file: two workers of the same app (a redeploy starts the new one while the
/// old one runs) must not build into the same folder at once.
/// </summary>
internal static class BuildLock
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(10);

    public static FileStream Acquire(string path)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            if (TryAcquire(path) is { } gate)
            {
                return gate;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new LoadException($"Timed out waiting for another build to release {path}.", "TimeoutException");
            }
            Thread.Sleep(200);
        }
    }

    /// <summary>The lock, or null while another process holds it.</summary>
    public static FileStream? TryAcquire(string path)
    {
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException) when (File.Exists(path))
        {
            return null;
        }
    }
}
