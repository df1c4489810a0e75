namespace Faas.Core.Servers;

/// <summary>A request's hold on a running server: it is not stopped for idleness or a switch until disposed.</summary>
public sealed class ServerLease(ServerProcess server, Uri address) : IDisposable
{
    private int _disposed;

    /// <summary><c>http://127.0.0.1:port/</c>.</summary>
    public Uri Address { get; } = address;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            server.Release();
        }
    }
}
