namespace Faas.Core;

/// <summary>What went wrong, in terms the HTTP layer maps to a status code.</summary>
public enum FaasError
{
    BadRequest,
    NotFound,
    TooLarge,
    FunctionFailed,
    WorkerFailed,
    Unavailable,
    Timeout,
    DeployFailed,
    Overloaded,
    Internal,
}

/// <summary>An expected failure with a message fit to show the user.</summary>
public class FaasException(FaasError error, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public FaasError Error { get; } = error;
}
