using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Omslite.Hub.Tests.Infrastructure;
using Omslite.Hub.WorkingDatabase;
using Omslite.Hub.WorkingDatabase.Embedded;

namespace Omslite.Hub.Tests.Deployment;

/// <summary>What the hub does differently behind a reverse proxy and on Windows.</summary>
public class HostingTests
{
    [Fact]
    public async Task Behind_a_proxy_on_the_same_machine_the_login_limit_counts_each_forwarded_client_address()
    {
        await using var hub = await TestHub.StartAsync();

        var first = await FailedLoginsAsync(hub, "203.0.113.7", 11);
        var other = await FailedLoginsAsync(hub, "203.0.113.8", 1);

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, 10).Append(HttpStatusCode.TooManyRequests), first);
        Assert.Equal([HttpStatusCode.Unauthorized], other);
    }

    [Fact]
    public async Task Forwarded_addresses_from_a_client_that_is_not_a_known_proxy_are_ignored()
    {
        await using var hub = await TestHub.StartAsync(new Dictionary<string, string?> { ["Omslite:ForwardedHeaders:KnownProxies:0"] = "192.0.2.10" });

        var first = await FailedLoginsAsync(hub, "203.0.113.7", 10);
        var posing = await FailedLoginsAsync(hub, "203.0.113.8", 1);

        Assert.All(first, s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal([HttpStatusCode.TooManyRequests], posing);
    }

    [Fact]
    public async Task On_windows_without_connection_strings_working_the_hub_says_it_is_required_instead_of_running_initdb()
    {
        var dataDir = TempDir.Create("windows");
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Omslite:DataDir"] = dataDir, ["ConnectionStrings:Working"] = "" })
            .Build();

        var refused = await Assert.ThrowsAsync<EmbeddedPostgresException>(
            () => WorkingDatabaseLease.OpenAsync(configuration, NullLogger.Instance, onWindows: true, default));

        Assert.StartsWith("ConnectionStrings__Working is required on Windows: the embedded PostgreSQL runs only on Linux.", refused.Message);
        Assert.Empty(Directory.GetFileSystemEntries(dataDir));
        TempDir.TryDelete(dataDir);
    }

    private static async Task<List<HttpStatusCode>> FailedLoginsAsync(TestHub hub, string client, int attempts)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < attempts; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login")
            {
                Content = JsonContent.Create(new { login = "nobody", password = "wrong-password" }),
            };
            request.Headers.Add("X-Forwarded-For", client);
            statuses.Add((await hub.Anonymous.SendAsync(request)).StatusCode);
        }

        return statuses;
    }
}
