namespace Faas.Core.Repositories;

/// <summary>A repository URL that was refused before git ever saw it (a 400 for the caller).</summary>
public sealed class RepositoryUrlException(string message)
    : FaasException(FaasError.BadRequest, message);
