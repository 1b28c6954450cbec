using Lantern.Graph;
using Lantern.Tests.Support;
using Microsoft.VisualBasic.FileIO;

namespace Lantern.Tests.Graph;

public sealed class CsvInjectionTests
{
    [Fact]
    public void CellsASpreadsheetWouldRunAsFormulasAreWrittenAsText()
    {
        using var workspace = new TestWorkspace();
        var posts = workspace.Folder.File("posts.jsonl",
            """
            {"id":"1","site":"=HYPERLINK(\"http://evil.example/x\",\"open\")","author":"vendor","text":"write to plug@protonmail.com"}
            {"id":"2","site":"+cmd|' /C calc'!A0","author":"vendor","text":"same plug@protonmail.com here"}
            {"id":"3","site":"-2+3","author":"vendor","text":"and plug@protonmail.com again"}
            {"id":"4","site":"@SUM(A1)","author":"vendor","text":"plug@protonmail.com too"}
            """ + "\n");
        workspace.Ingest(posts);

        var files = workspace.Session(reason: "briefing 9").Export("csv", workspace.Folder.Combine("graph.csv"));

        var cells = files.SelectMany(Cells).ToList();
        Assert.Contains("'=HYPERLINK(\"http://evil.example/x\",\"open\")/vendor", cells);
        Assert.Contains("'+cmd|' /C calc'!A0/vendor", cells);
        Assert.Contains("'-2+3/vendor", cells);
        Assert.Contains("'@SUM(A1)/vendor", cells);
        Assert.DoesNotContain(cells, cell => cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r');
    }

    private static IEnumerable<string> Cells(string file)
    {
        using var parser = new TextFieldParser(file) { TextFieldType = FieldType.Delimited, HasFieldsEnclosedInQuotes = true, CommentTokens = ["#"] };
        parser.SetDelimiters(",");
        var cells = new List<string>();
        while (!parser.EndOfData)
        {
            cells.AddRange(parser.ReadFields() ?? []);
        }

        return cells;
    }
}
