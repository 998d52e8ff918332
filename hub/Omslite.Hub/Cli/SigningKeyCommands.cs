using System.CommandLine;
using System.Globalization;
using Omslite.Hub.Api;
using Omslite.Hub.Hosting;
using Omslite.Hub.ReferenceBooks.Import;
using Omslite.Hub.Signing;

namespace Omslite.Hub.Cli;

/// <summary>
/// <c>signing-key set|show|remove</c>: the MO's key for signing packs, as the web UI's "Настройки → Ключ подписи".
/// <c>set</c> takes the three files (<c>--crt --key --ca</c>) or the original's <c>pem/</c> folder holding
/// crt.pem, key.pem and ca.pem (<c>--dir</c>). JSON: the key's public facts
/// <c>{"configured","owner","subject","issuer","serialNumber","notBefore","notAfter","fingerprint","chainVerified","chainMessage","uploadedBy","uploadedAt"}</c>
/// (<c>{"configured":false}</c> when there is none); <c>remove</c>: <c>{"removed"}</c>.
/// </summary>
internal static class SigningKeyCommands
{
    public static Command Create()
    {
        var command = new Command("signing-key", "The MO's GOST key for signing registry packs (crt.pem, key.pem, ca.pem)");
        command.Subcommands.Add(Set());
        command.Subcommands.Add(Show());
        command.Subcommands.Add(Remove());
        return command;
    }

    private static Option<string?> MoOption() => new("--mo") { Description = "The MO's 6-digit code (default: the only MO)" };

    private static Command Set()
    {
        var dir = new Option<string?>("--dir") { Description = "A folder with crt.pem, key.pem and ca.pem (the original's pem/ folder)" };
        var crt = new Option<string?>("--crt") { Description = "The signer certificate, PEM (or DER)" };
        var key = new Option<string?>("--key") { Description = "The private key, PEM without a password" };
        var ca = new Option<string?>("--ca") { Description = "The CA chain, PEM (root, then intermediate)" };
        var mo = MoOption();
        var json = HubCommands.JsonOption();
        var command = new Command("set", "Check and store the MO's signing key (replaces the previous one)") { dir, crt, key, ca, mo, json };
        command.SetAction((parse, ct) => CliOperation.RunAsync(
            parse.GetValue(json),
            async token =>
            {
                var folder = parse.GetValue(dir);
                string PathOf(Option<string?> option, string name) =>
                    parse.GetValue(option) ?? (folder is null
                        ? throw new ArgumentException($"укажите {option.Name} или --dir с файлом {name}")
                        : Path.Combine(folder, name));
                var upload = new PackSigningKeyUpload(
                    await ReadAsync(PathOf(crt, GostCms.CertificateFile), token),
                    await ReadAsync(PathOf(key, GostCms.KeyFile), token),
                    await ReadAsync(PathOf(ca, GostCms.CaFile), token));
                return await WithKeysAsync(parse.GetValue(mo), token, async (keys, moId) =>
                    await keys.SaveAsync(moId, "cli", upload, token) switch
                    {
                        SaveResult<PackSigningKeyInfo>.Saved saved => saved.Value,
                        SaveResult<PackSigningKeyInfo>.Invalid invalid =>
                            throw new InvalidOperationException(string.Join("; ", invalid.Errors.Select(e => e.Message))),
                        var other => throw new InvalidOperationException(other.ToString()),
                    });
            },
            info => "Ключ подписи МО загружен. " + Describe(info),
            ct));
        return command;
    }

    private static Command Show()
    {
        var mo = MoOption();
        var json = HubCommands.JsonOption();
        var command = new Command("show", "Show the MO's signing certificate (never the key)") { mo, json };
        command.SetAction((parse, ct) => CliOperation.RunAsync(
            parse.GetValue(json),
            token => WithKeysAsync(parse.GetValue(mo), token, (keys, moId) => keys.InfoAsync(moId, token)),
            info => info is null ? "Ключ подписи МО не загружен" : Describe(info),
            ct,
            info => info is null ? new { configured = false } : info));
        return command;
    }

    private static Command Remove()
    {
        var mo = MoOption();
        var json = HubCommands.JsonOption();
        var command = new Command("remove", "Remove the MO's signing key") { mo, json };
        command.SetAction((parse, ct) => CliOperation.RunAsync(
            parse.GetValue(json),
            token => WithKeysAsync(parse.GetValue(mo), token, (keys, moId) => keys.RemoveAsync(moId, "cli", token)),
            removed => removed ? "Ключ подписи МО удалён" : "Ключ подписи МО не был загружен",
            ct,
            removed => new { removed }));
        return command;
    }

    private static async Task<T> WithKeysAsync<T>(string? moCode, CancellationToken ct, Func<PackSigningKeyStore, int, Task<T>> action)
    {
        await using var session = await CliSession.OpenAsync(ct);
        await session.MigrateAsync(ct);
        int moId;
        await using (var conn = await session.DataSource.OpenConnectionAsync(ct))
        {
            moId = (await TargetMo.ResolveAsync(conn, moCode, ct)).Id;
        }

        var keys = SigningServices.ForCli(session.DataSource, OmsliteOptions.From(session.Configuration)).Keys;
        return await action(keys, moId);
    }

    private static async Task<byte[]> ReadAsync(string path, CancellationToken ct)
    {
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            throw new IOException($"нет файла {path}");
        }

        if (file.Length > PackSigningKeyCheck.MaxFileBytes)
        {
            throw new IOException($"файл {path} слишком большой для ключевого файла");
        }

        return await File.ReadAllBytesAsync(path, ct);
    }

    private static string Describe(PackSigningKeyInfo info) =>
        string.Create(CultureInfo.InvariantCulture,
            $"Владелец: {info.Owner}. Действует с {info.NotBefore:dd.MM.yyyy} по {info.NotAfter:dd.MM.yyyy}. Издатель: {info.Issuer}. " +
            $"Отпечаток: {info.Fingerprint}. Цепочка УЦ: {(info.ChainVerified ? "проверена" : "не проверена — " + info.ChainMessage)}.");
}
