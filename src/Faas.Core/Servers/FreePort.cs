using System.Net;
using System.Net.Sockets;

namespace Faas.Core.Servers;

/// <summary>A loopback port nobody listens on now (the system's pick).</summary>
internal static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
