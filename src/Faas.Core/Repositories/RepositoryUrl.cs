using System.Text.RegularExpressions;
using Faas.Core.Apps;

namespace Faas.Core.Repositories;

/// <summary>
/// A repository URL checked before git ever sees it: https, http, git and ssh URLs and
/// scp-like <c>user@host:path</c> (plus local paths and <c>file://</c> only when allowed);
/// never an option (<c>-...</c>), a transport helper (<c>ext::</c>, <c>fd::</c>), whitespace or
/// a control character. Also derives the app id the Hub gives a repository deployment.
/// </summary>
public sealed partial class RepositoryUrl
{
    public const int MaxLength = 2048;

    internal RepositoryUrl(string value, AppName appId, bool isLocal)
    {
        Value = value;
        AppId = appId;
        IsLocal = isLocal;
    }

    /// <summary>What is passed to git, always after <c>--</c>.</summary>
    public string Value { get; }

    /// <summary>
    /// <c>&lt;owner&gt;-&lt;repo&gt;</c>: the last two path segments, <c>.git</c> stripped, lower-cased
    /// (<c>https://github.com/metacall/Examples.git</c> gives <c>metacall-examples</c>).
    /// </summary>
    public AppName AppId { get; }

    /// <summary>A local path or <c>file://</c> URL (only produced when local repositories are allowed).</summary>
    public bool IsLocal { get; }

    /// <exception cref="RepositoryUrlException">The URL is refused; the message says why.</exception>
    public static RepositoryUrl Parse(string? raw, bool allowLocal)
    {
        if (string.IsNullOrEmpty(raw))
        {
            throw Refuse("a repository URL is required.");
        }
        if (raw.Length > MaxLength)
        {
            throw Refuse($"the repository URL is longer than {MaxLength} characters.");
        }
        if (raw[0] == '-')
        {
            throw Refuse("the repository URL must not start with '-'.");
        }
        var helper = TransportHelper().Match(raw);
        if (helper.Success)
        {
            throw Refuse($"the '{helper.Groups[1].Value}::' transport is not allowed.");
        }
        // Printable ASCII only: nothing can smuggle a new line into git's protocol or its
        // credential helper, and no look-alike Unicode. Non-ASCII must be percent-encoded.
        if (raw.Any(c => c is <= ' ' or >= '\x7f'))
        {
            throw Refuse("the repository URL contains whitespace, control or non-ASCII characters.");
        }
        if (EncodedControl().IsMatch(raw))
        {
            throw Refuse("the repository URL contains an encoded control character.");
        }

        var scheme = Scheme().Match(raw);
        if (scheme.Success)
        {
            return ParseUrl(raw, scheme.Groups[1].Value.ToLowerInvariant(), allowLocal);
        }
        var scp = ScpLike().Match(raw);
        if (scp.Success)
        {
            return Create(raw, scp.Groups["path"].Value, isLocal: false);
        }
        if (!allowLocal)
        {
            throw Refuse(raw.Contains(':', StringComparison.Ordinal)
                ? "unsupported repository URL; use https://, http://, git://, ssh:// or user@host:path."
                : "local repositories are not allowed; use an https://, http://, git:// or ssh:// URL.");
        }
        // Absolute, so git never reads "a:b" as scp-like and the working directory is irrelevant.
        var full = Path.GetFullPath(raw);
        return Create(full, full, isLocal: true);
    }

    /// <summary>The URL with any user info (tokens, passwords) masked: safe for logs and messages.</summary>
    public override string ToString() => Credentials().Replace(Value, "$1***@");

    private static RepositoryUrl ParseUrl(string raw, string scheme, bool allowLocal)
    {
        var value = scheme + raw[scheme.Length..];
        if (scheme == "file")
        {
            if (!allowLocal)
            {
                throw Refuse("file:// repositories are not allowed.");
            }
            if (!Uri.TryCreate(value, UriKind.Absolute, out var file) || !file.IsFile)
            {
                throw Refuse("malformed file:// URL.");
            }
            return Create(value, file.AbsolutePath, isLocal: true);
        }
        if (scheme is not ("https" or "http" or "git" or "ssh"))
        {
            throw Refuse($"the '{scheme}://' scheme is not allowed; use https://, http://, git:// or ssh://.");
        }
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
        {
            throw Refuse("malformed repository URL.");
        }
        // ssh would read "-oProxyCommand=..." as an option (CVE-2017-1000117).
        if (uri.Host.StartsWith('-') || uri.UserInfo.StartsWith('-'))
        {
            throw Refuse("the repository host or user must not start with '-'.");
        }
        if (uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            throw Refuse("the repository URL must not have a query or fragment.");
        }
        return Create(value, uri.AbsolutePath, isLocal: false);
    }

    private static RepositoryUrl Create(string value, string path, bool isLocal)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length < 2)
        {
            throw Refuse("the repository URL must end with <owner>/<repository>.");
        }
        var repo = segments[^1];
        if (repo.EndsWith(".git", StringComparison.OrdinalIgnoreCase))
        {
            repo = repo[..^4];
        }
        if (repo.Length == 0)
        {
            throw Refuse("the repository name is empty.");
        }
        var id = $"{segments[^2]}-{repo}".ToLowerInvariant();
        if (!AppName.TryParse(id, out var appId))
        {
            throw Refuse($"'{id}' (from <owner>-<repository>) is not a valid app name: use up to {AppName.MaxLength} letters, digits, '.', '_' or '-'.");
        }
        return new RepositoryUrl(value, appId, isLocal);
    }

    private static RepositoryUrlException Refuse(string reason) => new($"Invalid repository URL: {reason}");

    // git runs "<name>::<address>" through the helper git-remote-<name> (ext:: runs a command).
    [GeneratedRegex("^([A-Za-z][A-Za-z0-9+.-]*)::", RegexOptions.CultureInvariant)]
    private static partial Regex TransportHelper();

    [GeneratedRegex("^([A-Za-z][A-Za-z0-9+.-]*)://", RegexOptions.CultureInvariant)]
    private static partial Regex Scheme();

    // user@host:path, the only scp-like form accepted (the user part keeps it unambiguous).
    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9._-]*@(?:[A-Za-z0-9][A-Za-z0-9.-]*|\[[0-9A-Fa-f:.]+\]):(?<path>[^-].*)$", RegexOptions.CultureInvariant)]
    private static partial Regex ScpLike();

    [GeneratedRegex("%(?:[01][0-9A-Fa-f]|7[Ff])", RegexOptions.CultureInvariant)]
    private static partial Regex EncodedControl();

    [GeneratedRegex("^([a-z]+://)[^/@]+@", RegexOptions.CultureInvariant)]
    private static partial Regex Credentials();
}
