using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Omslite.Hub.Signing;
using Omslite.Hub.Tests.Infrastructure;
using Omslite.Hub.Tests.Registry;

namespace Omslite.Hub.Tests.Signing;

/// <summary>
/// Signing packs with a real GOST key: the key uploaded through the API, the pack built by the primorye-25 plugin with
/// the hub's OpenSSL signer, and every signature verified by OpenSSL as TFOMS's side would.
/// </summary>
public class PackSigningTests(PackHubFixture fixture) : IClassFixture<PackHubFixture>, IAsyncLifetime
{
    private GostTestKeys _keys = null!;

    public async Task InitializeAsync() => _keys = await GostTestKeys.CreateAsync();

    public Task DisposeAsync()
    {
        _keys.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task An_admin_uploads_the_key_and_everybody_sees_its_certificate_but_never_the_key()
    {
        var response = await UploadAsync(fixture.Admin, _keys.Certificate, _keys.Key, _keys.Ca);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var info = await response.JsonAsync();
        Assert.True(info.GetProperty("configured").GetBoolean());
        Assert.Equal("ООО «Центр КТ»", info.GetProperty("owner").GetString());
        Assert.Contains("Тестовый УЦ", info.GetProperty("issuer").GetString());
        Assert.Equal(await Sha1FingerprintAsync(), info.GetProperty("fingerprint").GetString());
        Assert.InRange(info.GetProperty("notAfter").GetDateTime(), DateTime.UtcNow.AddDays(364), DateTime.UtcNow.AddDays(366));
        Assert.True(info.GetProperty("chainVerified").GetBoolean());
        Assert.Equal("admin", info.GetProperty("uploadedBy").GetString());

        var seen = await fixture.Viewer.GetStringAsync("/api/mo/signing-key");
        var keyBody = KeyBody(await File.ReadAllTextAsync(_keys.Key));
        Assert.Contains(info.GetProperty("fingerprint").GetString()!, seen);
        Assert.DoesNotContain("PRIVATE KEY", seen);
        Assert.DoesNotContain(keyBody, seen);

        await using var conn = fixture.Hub.OpenConnection();
        var stored = await conn.QuerySingleAsync<(string Certificate, string KeyProtected)>(
            "select certificate, key_protected from mo_signing_key where mo_id = @MoId", new { fixture.MoId });
        Assert.Contains("BEGIN CERTIFICATE", stored.Certificate);
        Assert.DoesNotContain(keyBody, stored.KeyProtected);
        Assert.DoesNotContain("PRIVATE KEY", stored.KeyProtected);
        Assert.Contains(info.GetProperty("fingerprint").GetString(), await conn.QueryAsync<string>(
            "select new_value from audit_log where entity = 'mo_signing_key' and actor = 'admin' and field = 'fingerprint'"));

        Assert.Equal(HttpStatusCode.Forbidden, (await UploadAsync(fixture.Operator, _keys.Certificate, _keys.Key, _keys.Ca)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await fixture.Operator.DeleteAsync("/api/mo/signing-key")).StatusCode);
    }

    [Fact]
    public async Task A_key_that_does_not_match_the_certificate_is_refused_and_the_stored_key_stays()
    {
        await UploadOkAsync();
        var encrypted = Path.Combine(_keys.Dir, "encrypted.pem");
        await _keys.OpenSslAsync("pkey", "-engine", "gost", "-in", "key.pem", "-aes256", "-passout", "pass:secret", "-out", encrypted);

        var mismatch = await UploadAsync(fixture.Admin, _keys.Certificate, _keys.OtherKey, _keys.Ca);
        var withPassword = await UploadAsync(fixture.Admin, _keys.Certificate, encrypted, _keys.Ca);
        var keyAsCertificate = await UploadAsync(fixture.Admin, _keys.Key, _keys.Key, _keys.Ca);
        var noChain = await UploadAsync(fixture.Admin, _keys.Certificate, _keys.Key, null);

        Assert.Equal(HttpStatusCode.BadRequest, mismatch.StatusCode);
        var reason = Assert.Single((await mismatch.FieldErrorsAsync())["key"]);
        Assert.StartsWith("Ключ не подписывает: закрытый ключ не соответствует сертификату (OpenSSL: ", reason);
        Assert.Contains("private key does not match certificate", reason);
        Assert.Contains("защищён паролем", Assert.Single((await withPassword.FieldErrorsAsync())["key"]));
        Assert.Equal("Сертификат (crt.pem): в файле нет сертификата X.509 (ожидается PEM «-----BEGIN CERTIFICATE-----» или DER)",
            Assert.Single((await keyAsCertificate.FieldErrorsAsync())["crt"]));
        Assert.Equal("Выберите цепочку УЦ (ca.pem)", Assert.Single((await noChain.FieldErrorsAsync())["ca"]));
        var current = await fixture.Admin.GetFromJsonAsync<JsonElement>("/api/mo/signing-key");
        Assert.Equal(await Sha1FingerprintAsync(), current.GetProperty("fingerprint").GetString());
    }

    [Fact]
    public async Task A_chain_that_does_not_verify_is_kept_with_a_warning()
    {
        // ca.pem holding the signer's own certificate instead of the CA's: the key still signs; the chain does not verify.
        var response = await UploadAsync(fixture.Admin, _keys.Certificate, _keys.Key, _keys.Certificate);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var info = await response.JsonAsync();
        Assert.False(info.GetProperty("chainVerified").GetBoolean());
        Assert.StartsWith("сертификат не проверяется цепочкой УЦ (OpenSSL: ", info.GetProperty("chainMessage").GetString());
        Assert.Contains("unable to get local issuer certificate", info.GetProperty("chainMessage").GetString());
    }

    [Fact]
    public async Task A_signed_pack_holds_a_detached_signature_of_each_file_that_openssl_verifies()
    {
        await UploadOkAsync();
        var patient = await fixture.AddPatientAsync("s-101");
        var first = await fixture.AddVisitAsync(patient, 2028, 1);
        var second = await fixture.AddVisitAsync(patient, 2028, 1);

        var response = await PackHubFixture.BuildAsync(fixture.Operator,
            new { month = "2028-01", number = 1, markSent = true, freshOnly = true, sign = true, confirm = "operator" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        var result = body.GetProperty("result");
        Assert.True(result.GetProperty("signed").GetBoolean());
        Assert.Equal(2, result.GetProperty("markedSent").GetInt32());
        Assert.Equal(2, await fixture.StatusAsync(first.Id));
        var packId = result.GetProperty("packId").GetInt64();
        Assert.True((await fixture.Viewer.GetFromJsonAsync<JsonElement>($"/api/packs/{packId}")).GetProperty("pack").GetProperty("signed").GetBoolean());

        var dir = TempDir.Create("signed");
        try
        {
            var download = await fixture.Viewer.GetAsync($"/api/packs/{packId}/download");
            using (var zip = new ZipArchive(await download.Content.ReadAsStreamAsync()))
            {
                const string stem = "250796T25_28017961";
                Assert.Equal(
                    [$"HM{stem}.xml", $"PM{stem}.xml", $"LM{stem}.xml", $"HM{stem}.sig", $"PM{stem}.sig", $"LM{stem}.sig"],
                    zip.Entries.Select(e => e.FullName));
                zip.ExtractToDirectory(dir);
            }

            var signerDer = CertificateDer(_keys.Certificate);
            var caDer = CertificateDer(_keys.Ca);
            foreach (var xml in Directory.GetFiles(dir, "*.xml"))
            {
                var sig = Path.ChangeExtension(xml, ".sig");
                var (exit, output) = await _keys.VerifyAsync(xml, sig);
                Assert.True(exit == 0, $"{Path.GetFileName(sig)}: {output}");
                Assert.Contains("CMS Verification successful", output);

                var signature = await File.ReadAllBytesAsync(sig);
                Assert.Equal(0x30, signature[0]); // DER, not PEM or S/MIME
                Assert.True(Contains(signature, signerDer), "the signer certificate is included");
                Assert.False(Contains(signature, caDer), "the CA chain is not embedded");
                Assert.False(Contains(signature, Encoding.ASCII.GetBytes("<ZGLV>")), "the signature is detached");

                await File.AppendAllTextAsync(xml, " ");
                Assert.NotEqual(0, (await _keys.VerifyAsync(xml, sig)).Exit);
            }
        }
        finally
        {
            TempDir.TryDelete(dir);
        }
    }

    [Theory]
    [InlineData("mismatch", "закрытый ключ не соответствует сертификату (OpenSSL: ")]
    [InlineData("garbage", "закрытый ключ не читается (OpenSSL: Could not read signing key from key.pem")]
    public async Task A_signing_failure_leaves_no_zip_marks_nothing_and_still_reports_the_visits_problems(string broken, string reason)
    {
        await UploadOkAsync();
        var month = broken == "mismatch" ? 2 : 3;
        var patient = await fixture.AddPatientAsync($"s-2{month}");
        var good = await fixture.AddVisitAsync(patient, 2028, month);
        var bad = await fixture.AddVisitAsync(patient, 2028, month, ds1: null);
        var key = broken == "mismatch"
            ? await File.ReadAllTextAsync(_keys.OtherKey)
            : "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIA==\n-----END PRIVATE KEY-----\n";
        await StoreKeyAsync(key);
        await using var conn = fixture.Hub.OpenConnection();
        var packsBefore = await conn.ExecuteScalarAsync<long>("select count(*) from pack where mo_id = @MoId", new { fixture.MoId });

        var response = await PackHubFixture.BuildAsync(fixture.Operator,
            new { month = $"2028-0{month}", number = 1, markSent = true, sign = true, confirm = "operator" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.False(body.GetProperty("done").GetBoolean());
        Assert.Equal("", body.GetProperty("file").GetString());
        Assert.StartsWith($"Ошибка подписи файла HM250796T25_280{month}7961.xml: {reason}", body.GetProperty("message").GetString());
        var problem = Assert.Single(body.GetProperty("result").GetProperty("problems").EnumerateArray());
        Assert.Equal(bad.Id, problem.GetProperty("visitId").GetInt64());
        Assert.Equal(1, await fixture.StatusAsync(good.Id));
        Assert.Equal(packsBefore, await conn.ExecuteScalarAsync<long>("select count(*) from pack where mo_id = @MoId", new { fixture.MoId }));
        var kept = Path.Combine(fixture.Hub.DataDir, "packs", "250796");
        Assert.Empty(Directory.Exists(kept) ? Directory.GetFiles(kept, $"*-H2507968{month:00}01.zip") : []);
        Assert.Empty(Directory.GetDirectories(Path.Combine(fixture.Hub.DataDir, "tmp"), "sign-*"));
    }

    [Fact]
    public async Task Without_a_key_or_with_an_expired_certificate_a_signed_pack_is_refused_before_any_visit_is_read()
    {
        var patient = await fixture.AddPatientAsync("s-301");
        var visit = await fixture.AddVisitAsync(patient, 2028, 4);
        await UploadOkAsync();
        await using var conn = fixture.Hub.OpenConnection();
        await conn.ExecuteAsync("update mo_signing_key set not_after = '2020-01-01T00:00:00Z' where mo_id = @MoId", new { fixture.MoId });

        var expired = await PackHubFixture.BuildAsync(fixture.Operator, new { month = "2028-04", number = 1, markSent = true, sign = true, confirm = "operator" });
        var removed = await fixture.Admin.DeleteAsync("/api/mo/signing-key");
        var none = await PackHubFixture.BuildAsync(fixture.Operator, new { month = "2028-04", number = 1, markSent = true, sign = true, confirm = "operator" });
        var unsigned = await PackHubFixture.BuildAsync(fixture.Operator, new { month = "2028-04", number = 1, markSent = true, confirm = "operator" });

        await expired.AssertRefusedTaskAsync("Сертификат подписи МО истёк 01.01.2020: загрузите действующий ключ подписи");
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.False((await fixture.Viewer.GetFromJsonAsync<JsonElement>("/api/mo/signing-key")).GetProperty("configured").GetBoolean());
        await none.AssertRefusedTaskAsync("Ключ подписи МО не загружен: администратор загружает сертификат, закрытый ключ и цепочку УЦ в «Настройки → Ключ подписи»");
        Assert.Equal(HttpStatusCode.OK, unsigned.StatusCode);
        Assert.False((await unsigned.JsonAsync()).GetProperty("result").GetProperty("signed").GetBoolean());
        Assert.Equal(2, await fixture.StatusAsync(visit.Id));
        Assert.Equal(1, await conn.ExecuteScalarAsync<long>(
            "select count(*) from pack where mo_id = @MoId and report_year = 2028 and report_month = 4", new { fixture.MoId }));
    }

    [Fact]
    public async Task Health_checks_the_signing_tool_once_an_mo_has_a_key()
    {
        await UploadOkAsync();

        var health = await fixture.Hub.Anonymous.GetFromJsonAsync<JsonElement>("/health");

        Assert.Equal("ok", health.GetProperty("status").GetString());
        var signing = health.GetProperty("signing");
        Assert.True(signing.GetProperty("configured").GetBoolean());
        Assert.True(signing.GetProperty("ready").GetBoolean());
        Assert.StartsWith("OpenSSL 3.", signing.GetProperty("tool").GetString());
        Assert.Equal("gost", signing.GetProperty("engine").GetString());
    }

    [Fact]
    public async Task The_cli_stores_the_key_from_a_pem_folder_and_builds_a_signed_pack()
    {
        var environment = new Dictionary<string, string?>
        {
            ["ConnectionStrings__Working"] = fixture.Hub.ConnectionString,
            ["Omslite__DataDir"] = fixture.Hub.DataDir,
            ["Omslite__PluginsDir"] = fixture.PluginsDir,
        };
        var patient = await fixture.AddPatientAsync("s-401");
        await fixture.AddVisitAsync(patient, 2028, 5);

        var set = await HubProcess.RunVerbAsync(environment, "signing-key", "set", "--dir", _keys.Dir, "--mo", "250796", "--json");
        var show = await HubProcess.RunVerbAsync(environment, "signing-key", "show", "--mo", "250796");
        var pack = await HubProcess.RunVerbAsync(environment, "pack", "build", "--month", "2028-05", "--sign", "--mark-sent", "--mo", "250796", "--json");

        Assert.True(set.ExitCode == 0, set.Stderr);
        var info = JsonDocument.Parse(set.Stdout).RootElement;
        Assert.Equal(await Sha1FingerprintAsync(), info.GetProperty("fingerprint").GetString());
        Assert.Equal("cli", info.GetProperty("uploadedBy").GetString());
        Assert.Contains("Владелец: ООО «Центр КТ». Действует с ", show.Stdout);
        Assert.Contains("Цепочка УЦ: проверена.", show.Stdout);
        Assert.True(pack.ExitCode == 0, pack.Stderr);
        var file = JsonDocument.Parse(pack.Stdout).RootElement.GetProperty("zip").GetString()!;
        using var zip = ZipFile.OpenRead(file);
        Assert.Equal(3, zip.Entries.Count(e => e.FullName.EndsWith(".sig", StringComparison.Ordinal)));
        // The key the CLI stored is read by the running hub: one key ring in the data directory.
        Assert.Equal(info.GetProperty("fingerprint").GetString(),
            (await fixture.Viewer.GetFromJsonAsync<JsonElement>("/api/mo/signing-key")).GetProperty("fingerprint").GetString());

        var missing = await HubProcess.RunVerbAsync(environment, "signing-key", "set", "--crt", _keys.Certificate, "--mo", "250796");
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("укажите --key или --dir с файлом key.pem", missing.Stderr);
    }

    private async Task UploadOkAsync() =>
        Assert.Equal(HttpStatusCode.OK, (await UploadAsync(fixture.Admin, _keys.Certificate, _keys.Key, _keys.Ca)).StatusCode);

    private static Task<HttpResponseMessage> UploadAsync(HttpClient client, string? crt, string? key, string? ca)
    {
        var form = new MultipartFormDataContent();
        foreach (var (field, path) in new[] { ("crt", crt), ("key", key), ("ca", ca) })
        {
            if (path is not null)
            {
                form.Add(new ByteArrayContent(File.ReadAllBytes(path)), field, Path.GetFileName(path));
            }
        }

        return client.PutAsync("/api/mo/signing-key", form);
    }

    /// <summary>Replaces the stored private key behind the upload check's back (encrypted as the hub does).</summary>
    private async Task StoreKeyAsync(string pem)
    {
        var protector = fixture.Hub.Services.GetRequiredService<PackSigningKeyProtector>();
        await using var conn = fixture.Hub.OpenConnection();
        await conn.ExecuteAsync("update mo_signing_key set key_protected = @key where mo_id = @MoId", new { key = protector.Protect(pem), fixture.MoId });
    }

    private async Task<string> Sha1FingerprintAsync()
    {
        var output = await _keys.OpenSslAsync("x509", "-in", "crt.pem", "-noout", "-fingerprint", "-sha1");
        return output.Trim().Split('=')[1].Replace(":", "");
    }

    private static string KeyBody(string pem) =>
        string.Concat(pem.Split('\n').Where(l => l.Length > 0 && !l.StartsWith("-----", StringComparison.Ordinal)));

    private static byte[] CertificateDer(string pemPath) =>
        Convert.FromBase64String(KeyBody(File.ReadAllText(pemPath)));

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
