namespace Faas.Core.Calls;

/// <summary>A call to an app that is not deployed; the message is the original server's, word for word.</summary>
public sealed class AppNotDeployedException(string? suffix)
    : FaasException(
        FaasError.NotFound,
        $"Oops! It looks like the application '{suffix}' has not been deployed yet. Please deploy it before you can call its functions.");
