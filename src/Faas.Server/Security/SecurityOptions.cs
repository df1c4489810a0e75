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
}
