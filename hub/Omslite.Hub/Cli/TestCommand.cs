using System.CommandLine;

namespace Omslite.Hub.Cli;

/// <summary>
/// <c>test</c> is run by the <c>./omslite</c> wrapper at the repository root (it builds and runs every test
/// project); the hub only lists it so that --help shows the whole command line.
/// </summary>
internal static class TestCommand
{
    public static Command Create()
    {
        var command = new Command("test", "Run every test project and print 'N passed, N failed, N skipped' (from the repository: ./omslite test)")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("ошибка: run the tests from the repository root with ./omslite test");
            return 2;
        });
        return command;
    }
}
