using LibGit2Sharp;

namespace Faas.Core.Repositories;

/// <summary>
/// Lists branches and files of a repository and clones it with libgit2 (LibGit2Sharp): no git
/// binary, no hooks, a timeout on every operation, and only the network transports (http, https,
/// git, ssh; file only when local repositories are allowed), checked again here whatever the caller did.
/// </summary>
public sealed class GitClient(GitOptions options)
{
    /// <summary>The branch names, the default branch (the remote's HEAD) first, the rest sorted.</summary>
    public async Task<IReadOnlyList<string>> ListBranchesAsync(RepositoryUrl url, CancellationToken ct)
    {
        EnsureAllowed(url);
        var (head, list) = await RunAsync(url, "ls-remote", null, _ => GitTransfer.RemoteBranches(url), ct).ConfigureAwait(false);
        var branches = new SortedSet<string>(list, StringComparer.Ordinal);
        return head is not null && branches.Remove(head) ? [head, .. branches] : [.. branches];
    }

    /// <summary>
    /// Clones the tip of <paramref name="branch"/> into <paramref name="targetDirectory"/> (missing or
    /// empty), then removes <c>.git</c>. Symlinks resolving outside the clone are refused with a
    /// <see cref="GitException"/>; links inside it are kept. On any failure the target is deleted.
    /// </summary>
    public async Task CloneAsync(RepositoryUrl url, string branch, string targetDirectory, CancellationToken ct)
    {
        EnsureAllowed(url);
        ValidateBranch(branch);
        var target = Path.GetFullPath(targetDirectory);
        if (File.Exists(target) || (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any()))
        {
            throw new InvalidOperationException($"Cannot clone into '{target}': it is not an empty directory.");
        }
        try
        {
            await RunAsync(url, "clone", target, stop => GitTransfer.FetchBranch(url, branch, target, checkout: true, stop), ct).ConfigureAwait(false);
            Directory.Delete(Path.Combine(target, ".git"), recursive: true);
            SymlinkGuard.EnsureContained(target);
        }
        catch
        {
            // Never leave a partial or refused clone behind (the target folder goes too).
            TryDelete(target);
            throw;
        }
    }

    /// <summary>The tracked files of <paramref name="branch"/> (paths with '/', e.g. <c>dir/b.py</c>).</summary>
    public async Task<IReadOnlyList<string>> ListFilesAsync(RepositoryUrl url, string branch, CancellationToken ct)
    {
        EnsureAllowed(url);
        ValidateBranch(branch);
        var temp = Path.Combine(TempRoot(), $"faas-git-{Guid.NewGuid():N}");
        try
        {
            // A bare repository: the tip's tree is read from the object store, so nothing from the
            // repository is ever written to disk as a file (nor a symlink).
            return await RunAsync(url, "ls-tree", temp, stop =>
            {
                var tip = GitTransfer.FetchBranch(url, branch, temp, checkout: false, stop);
                return GitTransfer.TreeFiles(temp, tip);
            }, ct).ConfigureAwait(false);
        }
        finally
        {
            TryDelete(temp);
        }
    }

    /// <summary>Refuses names <c>git check-ref-format --branch</c> would refuse, and options.</summary>
    /// <exception cref="GitException">The name is not a valid branch name.</exception>
    public static void ValidateBranch(string? branch)
    {
        if (string.IsNullOrEmpty(branch) || branch.Length > 255 || branch[0] is '-' or '/' || branch is "@" or "HEAD"
            || branch.EndsWith('/') || branch.EndsWith('.') || branch.Contains("..", StringComparison.Ordinal)
            || branch.Contains("@{", StringComparison.Ordinal) || branch.Contains("//", StringComparison.Ordinal)
            || branch.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c is '~' or '^' or ':' or '?' or '*' or '[' or '\\')
            || branch.Split('/').Any(part => part.StartsWith('.') || part.EndsWith(".lock", StringComparison.Ordinal)))
        {
            var shown = branch is null ? "" : new string([.. branch.Take(100).Select(c => char.IsControl(c) ? '?' : c)]);
            throw new GitException($"Invalid branch name '{shown}': no spaces, control characters, '..', '~^:?*[\\', or leading '-'.");
        }
    }

    /// <summary>
    /// Runs a blocking libgit2 operation on its own thread, bounded by <see cref="GitOptions.Timeout"/>
    /// and <paramref name="ct"/>. libgit2 stops at its next progress callback once told to; a call
    /// stuck on a silent connection is left to end on its own, and its <paramref name="scratch"/>
    /// folder is deleted when it does.
    /// </summary>
    private async Task<T> RunAsync<T>(RepositoryUrl url, string operation, string? scratch, Func<CancellationToken, T> work, CancellationToken ct)
    {
        if (url.IsLocal && !Repository.IsValid(GitTransfer.LocalPath(url)))
        {
            throw new GitException($"git {operation} of {url} failed: '{GitTransfer.LocalPath(url)}' does not appear to be a git repository.");
        }
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        stop.CancelAfter(options.Timeout);
        var task = Task.Factory.StartNew(() => work(stop.Token), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            return await task.WaitAsync(stop.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (stop.IsCancellationRequested && e is OperationCanceledException or LibGit2SharpException)
        {
            if (!task.IsCompleted && scratch is not null)
            {
                _ = task.ContinueWith(t => { _ = t.Exception; TryDelete(scratch); }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            }
            ct.ThrowIfCancellationRequested();
            throw new GitException($"git {operation} of {url} timed out after {options.Timeout.TotalSeconds:0} s.", FaasError.Timeout);
        }
        catch (LibGit2SharpException e)
        {
            var said = e.Message.ReplaceLineEndings(" ").Trim();
            said = said.Length > 300 ? said[..300] : said;
            throw new GitException($"git {operation} of {url} failed: {said.Replace(url.Value, url.ToString(), StringComparison.Ordinal)}", inner: e);
        }
    }

    /// <summary>Local URLs only when allowed; and, whatever produced the URL, only the transports <see cref="RepositoryUrl.Parse"/> accepts.</summary>
    private void EnsureAllowed(RepositoryUrl url)
    {
        if (url.IsLocal && !options.AllowLocalRepositories)
        {
            throw new RepositoryUrlException("Invalid repository URL: local repositories are not allowed.");
        }
        try
        {
            RepositoryUrl.Parse(url.Value, options.AllowLocalRepositories);
        }
        catch (RepositoryUrlException e)
        {
            throw new GitException($"The repository URL is not allowed here: {e.Message}");
        }
    }

    private string TempRoot() => Directory.CreateDirectory(options.TempDirectory).FullName;

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true); // removes links, never follows them
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: the original failure matters more than a leftover folder.
        }
    }
}
