using System.Net.Http.Headers;
using Faas.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Faas.Server.Tests.Security;

/// <summary>
/// A loopback server with <c>Faas:Security:RequireKeys</c> on and a configured admin key. <see cref="FaasServerFixture.Client"/>
/// sends the admin key; <see cref="Anonymous"/> makes clients that send nothing but what a test adds.
/// </summary>
public sealed class KeysRequiredFixture : FaasServerFixture
{
    public const string AdminKey = "test-admin-key-0123456789abcdef";

    public KeysRequiredFixture()
    {
        Factory.Settings["Faas:Security:RequireKeys"] = "true";
        Factory.Settings["Faas:Security:AdminKey"] = AdminKey;
    }

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
    }

    /// <summary>A client with no key and no cookie handling (cookies are sent by hand).</summary>
    public HttpClient Anonymous() => Factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
}
