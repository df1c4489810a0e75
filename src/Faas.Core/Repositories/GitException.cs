namespace Faas.Core.Repositories;

/// <summary>
/// A git operation that failed: a bad branch name, a git error (quoting git's last lines),
/// a timeout, or a clone refused for its content (a symlink escaping the clone).
/// </summary>
public sealed class GitException(string message, FaasError error = FaasError.BadRequest, Exception? inner = null)
    : FaasException(error, message, inner);
