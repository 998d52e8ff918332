using System.Net;
using System.Net.Http.Json;
using Dapper;
using Omslite.Hub.Security;
using Omslite.Hub.Tests.Infrastructure;

namespace Omslite.Hub.Tests.Signing;

/// <summary>A hub whose signing tool is misconfigured: /health says so once an MO has a key, and an upload is refused
/// with the reason.</summary>
public class SigningToolHealthTests
{
    [Theory]
    [InlineData("Omslite:Signing:Engine", "nosuch-engine", "в OpenSSL нет движка ГОСТ «nosuch-engine»")]
    [InlineData("Omslite:Signing:OpenSsl", "/nonexistent/openssl", "не удалось запустить OpenSSL «/nonexistent/openssl»")]
    public async Task A_broken_signing_tool_makes_health_degraded_and_refuses_uploads(string setting, string value, string reason)
    {
        using var keys = await GostTestKeys.CreateAsync();
        await using var hub = await TestHub.StartAsync(new Dictionary<string, string?> { [setting] = value });
        var moId = await hub.AddMoAsync("250796", "Центр КТ");
        await hub.AddUserAsync("admin", Roles.Admin, "250796");
        var admin = await hub.LoginAsync("admin");

        var before = await hub.Anonymous.GetFromJsonAsync<System.Text.Json.JsonElement>("/health");
        var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(await File.ReadAllBytesAsync(keys.Certificate)), "crt", "crt.pem" },
            { new ByteArrayContent(await File.ReadAllBytesAsync(keys.Key)), "key", "key.pem" },
            { new ByteArrayContent(await File.ReadAllBytesAsync(keys.Ca)), "ca", "ca.pem" },
        };
        var upload = await admin.PutAsync("/api/mo/signing-key", form);
        await using (var conn = hub.OpenConnection())
        {
            // A key stored while the tool still worked.
            await conn.ExecuteAsync(
                """
                insert into mo_signing_key (mo_id, certificate, key_protected, ca_chain, owner, subject, issuer, serial_number,
                                            not_before, not_after, fingerprint, chain_verified, uploaded_by)
                values (@moId, '', '', '', 'x', 'CN=x', 'CN=y', '01', now(), now() + interval '1 year', 'AB', true, 'test')
                """, new { moId });
        }

        var health = await hub.Anonymous.GetAsync("/health");

        Assert.False(before.GetProperty("signing").GetProperty("configured").GetBoolean());
        Assert.Equal(HttpStatusCode.BadRequest, upload.StatusCode);
        Assert.Contains(reason, Assert.Single((await upload.FieldErrorsAsync())["key"]));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        var body = await health.JsonAsync();
        Assert.Equal("degraded", body.GetProperty("status").GetString());
        var signing = body.GetProperty("signing");
        Assert.True(signing.GetProperty("configured").GetBoolean());
        Assert.False(signing.GetProperty("ready").GetBoolean());
        Assert.Contains(reason, signing.GetProperty("error").GetString());
    }
}
