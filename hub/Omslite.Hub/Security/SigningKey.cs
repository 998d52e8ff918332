using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;
using Omslite.Hub.Hosting;

namespace Omslite.Hub.Security;

/// <summary>
/// The key that signs the hub's tokens: <c>Omslite:Auth:SigningKey</c> when configured (at least 32 characters),
/// else a random key generated once and kept in <c>&lt;data dir&gt;/keys/jwt-signing.key</c>. Several hubs behind one
/// balancer must share it (docs/scaling.md).
/// </summary>
public static class SigningKey
{
    public static SymmetricSecurityKey Load(OmsliteOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.Auth.SigningKey))
        {
            var configured = Encoding.UTF8.GetBytes(options.Auth.SigningKey);
            if (configured.Length < 32)
            {
                throw new InvalidOperationException("Omslite:Auth:SigningKey must be at least 32 characters");
            }

            return new SymmetricSecurityKey(configured);
        }

        var dir = Path.Combine(options.DataDir, "keys");
        var file = Path.Combine(dir, "jwt-signing.key");
        if (!File.Exists(file))
        {
            Directory.CreateDirectory(dir);
            var fresh = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));
            var temp = file + $".{Environment.ProcessId}.tmp";
            File.WriteAllText(temp, fresh);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            try
            {
                // Two hubs starting together: the first key written wins, the other process reads it.
                File.Move(temp, file, overwrite: false);
            }
            catch (IOException)
            {
                File.Delete(temp);
            }
        }

        return new SymmetricSecurityKey(Convert.FromBase64String(File.ReadAllText(file).Trim()));
    }
}
