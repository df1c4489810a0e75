namespace Faas.Server.Security;

/// <summary>Who may reach the server. Bound from the <c>Faas:Security</c> section.</summary>
public sealed class SecurityOptions
{
    /// <summary>
    /// Host names (the <c>Host</c> header without its port) the server answers besides the loopback names
    /// (<c>localhost</c>, <c>*.localhost</c>, <c>127.0.0.1</c>, <c>::1</c>), this machine's name and the
    /// configured <c>Faas:Host</c>. Others are refused, which stops DNS-rebinding attacks. <c>*</c> allows any.
    /// </summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>
    /// Requires the admin key on the admin routes even on a loopback-only server. A server bound to any
    /// other address always requires it (and generates one into <c>&lt;data&gt;/security/admin.key</c> when none exists).
    /// </summary>
    public bool RequireKeys { get; set; }

    /// <summary>An admin key given in the configuration (at least 16 characters); kept only as a salted hash in memory.</summary>
    public string? AdminKey { get; set; }

    /// <summary>How long a dashboard login (<c>POST /api/login</c>) lasts.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);
}
