using Dapper;
using Npgsql;
using Omslite.Hub.Api;
using Omslite.Hub.Audit;

namespace Omslite.Hub.Signing;

/// <summary>An MO's signing key as the API and the CLI show it: the certificate's public facts, never the key.</summary>
public sealed record PackSigningKeyInfo
{
    public bool Configured => true;
    public string Owner { get; init; } = "";
    public string Subject { get; init; } = "";
    public string Issuer { get; init; } = "";
    public string SerialNumber { get; init; } = "";
    public DateTime NotBefore { get; init; }
    public DateTime NotAfter { get; init; }
    public string Fingerprint { get; init; } = "";
    public bool ChainVerified { get; init; }
    public string? ChainMessage { get; init; }
    public string UploadedBy { get; init; } = "";
    public DateTime UploadedAt { get; init; }
}

/// <summary>
/// The MOs' pack-signing keys (registry-pack-25.md §1.5: crt.pem, key.pem, ca.pem as MO settings) in the working
/// database: the private key encrypted with Data Protection, the two certificate files (public) as they are; one key
/// per MO, replaced by the next upload; every upload and removal audited by fingerprint.
/// </summary>
public sealed class PackSigningKeyStore(NpgsqlDataSource database, PackSigningKeyProtector protector, PackSigningKeyCheck check)
{
    private const string InfoColumns =
        """
        owner, subject, issuer, serial_number, not_before, not_after, fingerprint, chain_verified, chain_message,
        uploaded_by, uploaded_at
        """;

    public async Task<PackSigningKeyInfo?> InfoAsync(int moId, CancellationToken ct)
    {
        await using var conn = await database.OpenConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<PackSigningKeyInfo>(new CommandDefinition(
            $"select {InfoColumns} from mo_signing_key where mo_id = @moId", new { moId }, cancellationToken: ct));
    }

    /// <summary>The key material in clear with its certificate's validity, for signing; null when the MO has none.</summary>
    public async Task<(PackSigningKeyMaterial Material, PackSigningKeyInfo Info)?> MaterialAsync(int moId, CancellationToken ct)
    {
        await using var conn = await database.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<SecretRow, PackSigningKeyInfo, (SecretRow Secret, PackSigningKeyInfo Info)>(new CommandDefinition(
            $"select certificate, key_protected, ca_chain, {InfoColumns} from mo_signing_key where mo_id = @moId",
            new { moId }, cancellationToken: ct), (secret, info) => (secret, info), splitOn: "owner");
        if (rows.FirstOrDefault() is not { Secret: { } s } row)
        {
            return null;
        }

        return (new PackSigningKeyMaterial(s.Certificate, protector.Unprotect(s.KeyProtected), s.CaChain), row.Info);
    }

    /// <summary>Checks the upload (<see cref="PackSigningKeyCheck"/>) and, when it passes, makes it the MO's key.</summary>
    public async Task<SaveResult<PackSigningKeyInfo>> SaveAsync(int moId, string actor, PackSigningKeyUpload upload, CancellationToken ct)
    {
        var (key, errors) = await check.CheckAsync(upload, ct);
        if (key is null)
        {
            return new SaveResult<PackSigningKeyInfo>.Invalid(errors);
        }

        var c = key.Certificate;
        await using var conn = await database.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var before = await conn.ExecuteScalarAsync<string?>(new CommandDefinition(
            "select fingerprint from mo_signing_key where mo_id = @moId for update", new { moId }, tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition(
            """
            insert into mo_signing_key (mo_id, certificate, key_protected, ca_chain, owner, subject, issuer, serial_number,
                                        not_before, not_after, fingerprint, chain_verified, chain_message, uploaded_by)
            values (@moId, @certificate, @keyProtected, @caChain, @Owner, @Subject, @Issuer, @SerialNumber,
                    @NotBefore, @NotAfter, @Fingerprint, @chainVerified, @chainMessage, @actor)
            on conflict (mo_id) do update set
                certificate = excluded.certificate, key_protected = excluded.key_protected, ca_chain = excluded.ca_chain,
                owner = excluded.owner, subject = excluded.subject, issuer = excluded.issuer,
                serial_number = excluded.serial_number, not_before = excluded.not_before, not_after = excluded.not_after,
                fingerprint = excluded.fingerprint, chain_verified = excluded.chain_verified,
                chain_message = excluded.chain_message, uploaded_by = excluded.uploaded_by, uploaded_at = now()
            """,
            new
            {
                moId, certificate = key.Material.Certificate, keyProtected = protector.Protect(key.Material.PrivateKey),
                caChain = key.Material.CaChain, c.Owner, c.Subject, c.Issuer, c.SerialNumber, c.NotBefore, c.NotAfter, c.Fingerprint,
                chainVerified = key.ChainVerified, chainMessage = key.ChainMessage, actor,
            },
            tx, cancellationToken: ct));
        await Audit.Audit.WriteAsync(conn, tx,
            new AuditEntry(actor, moId, "mo_signing_key", moId.ToString(), before is null ? "create" : "update", "fingerprint", before, c.Fingerprint), ct);
        await tx.CommitAsync(ct);
        return new SaveResult<PackSigningKeyInfo>.Saved((await InfoAsync(moId, ct))!);
    }

    /// <summary>Removes the MO's key; false when it had none.</summary>
    public async Task<bool> RemoveAsync(int moId, string actor, CancellationToken ct)
    {
        await using var conn = await database.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var removed = await conn.ExecuteScalarAsync<string?>(new CommandDefinition(
            "delete from mo_signing_key where mo_id = @moId returning fingerprint", new { moId }, tx, cancellationToken: ct));
        if (removed is null)
        {
            return false;
        }

        await Audit.Audit.WriteAsync(conn, tx,
            new AuditEntry(actor, moId, "mo_signing_key", moId.ToString(), "delete", "fingerprint", removed, null), ct);
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>Whether any MO has a key: then /health checks the signing tool.</summary>
    public static async Task<bool> AnyAsync(NpgsqlConnection conn, CancellationToken ct) =>
        await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
            "select to_regclass('mo_signing_key') is not null", cancellationToken: ct))
        && await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
            "select exists(select 1 from mo_signing_key)", cancellationToken: ct));

    private sealed record SecretRow
    {
        public string Certificate { get; init; } = "";
        public string KeyProtected { get; init; } = "";
        public string CaChain { get; init; } = "";
    }
}
