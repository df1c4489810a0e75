using System.Security.Cryptography;
using System.Text.Json;
using Faas.Core.Executions;
using Faas.Core.Logging;
using Faas.Core.Rpc;

namespace Faas.Core.Services;

/// <summary>
/// The services a function reaches from its worker (docs/services.md), implemented once for every
/// language: <c>faas.log</c>, <c>faas.kv.*</c>, <c>faas.env.*</c>, <c>faas.http.request</c> and the Lua
/// helpers (<c>faas.crypto.*</c>, <c>faas.time.*</c>, <c>faas.random.bytes</c>). Each worker gets it
/// bound to its own app (<see cref="Bind"/>): a worker can never name another app.
/// </summary>
public sealed class PlatformServices
{
    private const int MaxListedKeys = 1000;
    private static readonly TimeSpan MaxSleep = TimeSpan.FromMinutes(5);

    private readonly KvStore _kv;
    private readonly AppEnvironment _env;
    private readonly IExecutionLog _executions;
    private readonly HttpRequester _http;
    private readonly TimeProvider _time;

    public PlatformServices(KvStore kv, AppEnvironment env, IExecutionLog executions, ServiceOptions options, TimeProvider time)
    {
        _kv = kv;
        _env = env;
        _executions = executions;
        _time = time;
        _http = new HttpRequester(SharedClient.Value, options);
    }

    // One pooled client for every app (connections are reused; DNS changes are seen within two minutes).
    private static readonly Lazy<HttpClient> SharedClient = new(() => new HttpClient(new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        AllowAutoRedirect = true,
    }) { Timeout = Timeout.InfiniteTimeSpan });

    /// <summary>The services as <paramref name="app"/>'s workers see them; log lines also go to <paramref name="log"/>.</summary>
    public IWorkerRequestHandler Bind(string app, AppLog log) => new Binding(this, app, log);

    private sealed class Binding(PlatformServices services, string app, AppLog log) : IWorkerRequestHandler
    {
        public Task<byte[]> HandleAsync(string method, JsonElement parameters, CancellationToken cancellationToken) =>
            services.HandleAsync(app, log, method, parameters, cancellationToken);

        public void Notify(string method, JsonElement parameters)
        {
            if (method == "faas.log")
            {
                services.Log(log, parameters);
            }
        }
    }

    private async Task<byte[]> HandleAsync(string app, AppLog log, string method, JsonElement p, CancellationToken cancellationToken)
    {
        switch (method)
        {
            case "faas.log":
                Log(log, p);
                return Json(w => w.WriteNullValue());
            case "faas.kv.get":
                return String(_kv.Get(app, ServiceParams.String(p, "key")));
            case "faas.kv.set":
                _kv.Set(app, ServiceParams.String(p, "key"), ServiceParams.String(p, "value"));
                return Json(w => w.WriteBooleanValue(true));
            case "faas.kv.delete":
                var deleted = _kv.Delete(app, ServiceParams.String(p, "key"));
                return Json(w => w.WriteBooleanValue(deleted));
            case "faas.kv.list":
                var limit = (int)Math.Clamp(ServiceParams.OptionalNumber(p, "limit") ?? MaxListedKeys, 1, MaxListedKeys);
                var offset = (int)Math.Max(0, ServiceParams.OptionalNumber(p, "offset") ?? 0);
                var (keys, _) = _kv.List(app, ServiceParams.OptionalString(p, "prefix") ?? "", limit, offset);
                return Json(w =>
                {
                    w.WriteStartArray();
                    foreach (var key in keys)
                    {
                        w.WriteStringValue(key);
                    }
                    w.WriteEndArray();
                });
            case "faas.env.get":
                return String(_env.Get(app).GetValueOrDefault(ServiceParams.String(p, "name")));
            case "faas.env.set":
                // The value is never logged: env holds secrets.
                _env.Set(app, ServiceParams.String(p, "name"), ServiceParams.String(p, "value"));
                return Json(w => w.WriteBooleanValue(true));
            case "faas.env.delete":
                var removed = _env.Delete(app, ServiceParams.String(p, "name"));
                return Json(w => w.WriteBooleanValue(removed));
            case "faas.http.request":
                return await _http.SendAsync(p, cancellationToken).ConfigureAwait(false);
            case "faas.crypto.hash":
                return String(Convert.ToHexStringLower(Hash(ServiceParams.String(p, "algorithm"), Bytes(p, "data"))));
            case "faas.crypto.hmac":
                return String(Convert.ToHexStringLower(Hmac(ServiceParams.String(p, "algorithm"), Bytes(p, "key"), Bytes(p, "message"))));
            case "faas.time.format":
                var at = DateTimeOffset.FromUnixTimeMilliseconds((long)(ServiceParams.Number(p, "timestamp") * 1000));
                return String(GoTimeLayout.Format(at, ServiceParams.String(p, "layout")));
            case "faas.time.parse":
                var value = ServiceParams.String(p, "value");
                var layout = ServiceParams.String(p, "layout");
                return GoTimeLayout.TryParse(value, layout, out var parsed)
                    ? Json(w => w.WriteNumberValue(parsed.ToUnixTimeSeconds()))
                    : throw new WorkerRequestException(RpcErrorCodes.FunctionThrew, $"cannot parse \"{value}\" as \"{layout}\"");
            case "faas.time.sleep":
                var ms = Math.Clamp(ServiceParams.Number(p, "ms"), 0, (long)MaxSleep.TotalMilliseconds);
                await Task.Delay(TimeSpan.FromMilliseconds(ms), _time, cancellationToken).ConfigureAwait(false);
                return Json(w => w.WriteNullValue());
            case "faas.random.bytes":
                var count = ServiceParams.Number(p, "n");
                if (count is < 0 or > 1024 * 1024)
                {
                    throw ServiceParams.Invalid("'n' must be 0 to 1048576.");
                }
                return String(Convert.ToBase64String(RandomNumberGenerator.GetBytes((int)count)));
            default:
                throw new WorkerRequestException(RpcErrorCodes.MethodNotFound, $"Method '{method}' not found.");
        }
    }

    private void Log(AppLog log, JsonElement p)
    {
        var level = ServiceParams.OptionalString(p, "level") switch
        {
            "debug" => "debug",
            "warn" => "warn",
            "error" => "error",
            _ => "info",
        };
        var message = ServiceParams.OptionalString(p, "message") ?? "";
        if (ServiceParams.OptionalString(p, "execution") is { Length: > 0 } execution)
        {
            _executions.Append(execution, level, message, _time.GetUtcNow());
        }
        log.Write("log", $"{level.ToUpperInvariant()} {message}");
    }

    private static byte[] Hash(string algorithm, byte[] data) => algorithm switch
    {
        "md5" => MD5.HashData(data),
        "sha1" => SHA1.HashData(data),
        "sha256" => SHA256.HashData(data),
        "sha512" => SHA512.HashData(data),
        _ => throw ServiceParams.Invalid($"Unknown hash '{algorithm}' (md5, sha1, sha256, sha512)."),
    };

    private static byte[] Hmac(string algorithm, byte[] key, byte[] message) => algorithm switch
    {
        "sha1" => HMACSHA1.HashData(key, message),
        "sha256" => HMACSHA256.HashData(key, message),
        "sha512" => HMACSHA512.HashData(key, message),
        _ => throw ServiceParams.Invalid($"Unknown HMAC '{algorithm}' (sha1, sha256, sha512)."),
    };

    /// <summary>Binary params come base64-encoded (Lua strings are bytes, JSON strings are text).</summary>
    private static byte[] Bytes(JsonElement p, string name)
    {
        try
        {
            return Convert.FromBase64String(ServiceParams.String(p, name));
        }
        catch (FormatException)
        {
            throw ServiceParams.Invalid($"'{name}' must be base64.");
        }
    }

    private static byte[] String(string? value) => Json(w =>
    {
        if (value is null)
        {
            w.WriteNullValue();
        }
        else
        {
            w.WriteStringValue(value);
        }
    });

    private static byte[] Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }
        return buffer.WrittenSpan.ToArray();
    }
}
