using System.Net;
using System.Net.Sockets;

namespace Faas.Server.Tests.Services;

/// <summary>A real HTTP listener on 127.0.0.1 answering "METHOD /path?query X-Test=header body=body", with an X-Echo header.</summary>
internal sealed class EchoListener : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly Task _loop;

    private EchoListener(HttpListener listener, string url)
    {
        _listener = listener;
        Url = url;
        _loop = Task.Run(LoopAsync);
    }

    public string Url { get; }

    public static Task<EchoListener> StartAsync()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var url = $"http://127.0.0.1:{port}/";
        var listener = new HttpListener();
        listener.Prefixes.Add(url);
        listener.Start();
        return Task.FromResult(new EchoListener(listener, url));
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            using var reader = new StreamReader(context.Request.InputStream);
            var body = await reader.ReadToEndAsync();
            var text = $"{context.Request.HttpMethod} {context.Request.RawUrl} X-Test={context.Request.Headers["X-Test"]} body={body}";
            var bytes = System.Text.Encoding.UTF8.GetBytes(text);
            context.Response.Headers["X-Echo"] = "echo";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop.WaitAsync(TimeSpan.FromSeconds(5));
    }
}
