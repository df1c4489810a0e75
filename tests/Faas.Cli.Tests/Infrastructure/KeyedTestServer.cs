namespace Faas.Cli.Tests.Infrastructure;

/// <summary>A server that requires the admin key (<see cref="AdminKey"/>) on its admin routes.</summary>
public sealed class KeyedTestServer : TestServer
{
    public const string AdminKey = "cli-test-admin-key-0123456789abcdef";

    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Faas__Security__RequireKeys"] = "true",
        ["Faas__Security__AdminKey"] = AdminKey,
    };
}
