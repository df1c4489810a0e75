using System.Text.Json;

namespace Faas.Core.Rpc;

/// <summary>
/// Answers the requests a worker sends to the server (lines with a <c>method</c>, docs/protocol.md,
/// "Worker requests"): the platform services of the worker's app.
/// </summary>
public interface IWorkerRequestHandler
{
    /// <summary>
    /// The result of <paramref name="method"/> as one line of JSON; throws <see cref="WorkerRequestException"/>
    /// for an error reply.
    /// </summary>
    Task<byte[]> HandleAsync(string method, JsonElement parameters, CancellationToken cancellationToken);

    /// <summary>A notification (no id, no reply): run in the reader loop, in the order the worker sent them, so it must be quick.</summary>
    void Notify(string method, JsonElement parameters);
}
