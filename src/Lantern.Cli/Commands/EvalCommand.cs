using System.CommandLine;
using Lantern.Cases;
using Lantern.Demo;
using Lantern.Search;
using Lantern.Storage;
using Spectre.Console;

namespace Lantern.Cli.Commands;

public static class EvalCommand
{
    public static Command Create()
    {
        var truth = new Option<string>("--truth")
        {
            Description = "Ground-truth file (the demo writes ground-truth.json beside its workspace)",
            Required = true,
        };
        var extraction = new Command("extraction", "Score the selectors stored in the workspace against a ground truth: precision and recall per type, " +
            "recall on obfuscated forms, and checksum-invalid look-alikes accepted (which must be none).\n" +
            "Example: lantern eval extraction -w lantern-demo/workspace --truth lantern-demo/ground-truth.json")
        {
            truth,
        };
        extraction.SetAction(parse => CliContext.Run(parse, context =>
        {
            var groundTruth = GroundTruthFile.Read(parse.GetValue(truth)!);
            using var workspace = context.OpenWorkspace();
            context.WriteCaseHeader(workspace);
            context.WarnIfStale(workspace);
            var score = context.OpenSession(workspace).ScoreExtraction(parse.GetValue(truth)!, mentions => ExtractionScore.Compute(groundTruth, mentions),
                result => new { truth = parse.GetValue(truth), precision = result.Overall.Precision, recall = result.Overall.Recall }, result => result.Overall.TruePositives);
            if (context.AsJson)
            {
                CliContext.WriteJson(new
                {
                    by_type = score.ByType.Select(Row),
                    overall = Row(score.Overall),
                    obfuscated = new { found = score.ObfuscatedFound, total = score.ObfuscatedTotal, recall = score.ObfuscatedRecall },
                    look_alikes = new { accepted = score.LookAlikesAccepted, total = score.LookAlikesTotal },
                    false_positives = score.FalsePositiveExamples,
                    false_negatives = score.FalseNegativeExamples,
                });
            }
            else
            {
                context.Out.Write(ScoreTable("type", score.ByType.Append(score.Overall)));
                context.Out.MarkupLine($"obfuscated forms found: {score.ObfuscatedFound}/{score.ObfuscatedTotal} (recall {score.ObfuscatedRecall:0.000})");
                context.Out.MarkupLine($"checksum-invalid look-alikes accepted: {(score.LookAlikesAccepted == 0 ? "[green]0[/]" : $"[red]{score.LookAlikesAccepted}[/]")} of {score.LookAlikesTotal}");
                foreach (var example in score.FalsePositiveExamples)
                {
                    context.Out.MarkupLine($"[grey]false positive:[/] {Markup.Escape(example)}");
                }

                foreach (var example in score.FalseNegativeExamples)
                {
                    context.Out.MarkupLine($"[grey]missed:[/] {Markup.Escape(example)}");
                }
            }

            return ExitCodes.Success;
        }));
        var aliasTruth = new Option<string>("--truth") { Description = "Ground-truth file (the demo's ground-truth.json)", Required = true };
        var aliases = new Command("aliases", "Score alias resolution against a ground truth: pairwise precision and recall of strong-evidence clusters and, separately, of weak suggestions; " +
            "vendor–vendor pairs bridged by a relay and pairs involving the impostor (both must be none), the number of suggestions to review, the impostors flagged as conflicts, and a reliability table (per score bin, the mean score of the judged pairs beside the share of them that are right).\nExample: lantern eval aliases -w lantern-demo/workspace --truth lantern-demo/ground-truth.json")
        {
            aliasTruth,
        };
        aliases.SetAction(parse => CliContext.Run(parse, context =>
        {
            var groundTruth = GroundTruthFile.Read(parse.GetValue(aliasTruth)!);
            using var workspace = context.OpenWorkspace();
            context.WriteCaseHeader(workspace);
            var session = context.OpenSession(workspace);
            var score = AliasScore.Compute(groundTruth, session.Aliases(), session.Relays());
            if (context.AsJson)
            {
                CliContext.WriteJson(new
                {
                    strong = new { precision = score.Strong.Precision, recall = score.Strong.Recall, true_positives = score.Strong.TruePositives, false_positives = score.Strong.FalsePositives, false_negatives = score.Strong.FalseNegatives },
                    weak = new { precision = score.Weak.Precision, recall = score.Weak.Recall, true_positives = score.Weak.TruePositives, false_positives = score.Weak.FalsePositives, false_negatives = score.Weak.FalseNegatives },
                    impostor_pairs = score.ImpostorPairs,
                    relay_bridged_pairs = score.RelayBridgedPairs,
                    relays = new { found = score.RelaysFound, total = score.Relays },
                    suggestions = score.Suggestions,
                    impostors_flagged = score.ImpostorsFlagged,
                    impostors = score.Impostors,
                    reliability = score.Reliability.Select(bin => new { from = bin.From, to = bin.To, pairs = bin.Pairs, predicted = bin.Predicted, observed = bin.Observed }),
                    false_pairs = score.FalsePairs,
                    missed_pairs = score.MissedPairs,
                });
                return ExitCodes.Success;
            }

            context.Out.MarkupLine($"strong evidence: precision {score.Strong.Precision:0.000}, recall {score.Strong.Recall:0.000} ({score.Strong.TruePositives} right, {score.Strong.FalsePositives} wrong, {score.Strong.FalseNegatives} missed pairs)");
            context.Out.MarkupLine($"suggestions:     precision {score.Weak.Precision:0.000}, recall {score.Weak.Recall:0.000} ({score.Weak.TruePositives} right, {score.Weak.FalsePositives} wrong, {score.Weak.FalseNegatives} missed pairs)");
            context.Out.MarkupLine($"vendor–vendor pairs through a relay: {(score.RelayBridgedPairs == 0 ? "[green]0[/]" : $"[red]{score.RelayBridgedPairs}[/]")}; relays recognised: {score.RelaysFound} of {score.Relays}");
            context.Out.MarkupLine($"suggestions to review: {score.Suggestions}; weak-link recall among them {score.Weak.Recall:0.000}");
            context.Out.MarkupLine($"pairs with the impostor: {(score.ImpostorPairs == 0 ? "[green]0[/]" : $"[red]{score.ImpostorPairs}[/]")}; impostors flagged as conflicts: {score.ImpostorsFlagged} of {score.Impostors}");
            var reliability = new Table().Border(TableBorder.Rounded).AddColumn("score");
            foreach (var column in new[] { "judged pairs", "predicted", "observed" })
            {
                reliability.AddColumn(new TableColumn(column).RightAligned());
            }

            foreach (var bin in score.Reliability)
            {
                reliability.AddRow($"{bin.From:0.0}–{bin.To:0.0}", bin.Pairs.ToString("N0"), bin.Predicted.ToString("0.00"), bin.Observed.ToString("0.00"));
            }

            context.Out.MarkupLine("reliability (a score is the chance the link is right: predicted is the mean score of the pairs in a bin, observed the share that are right):");
            context.Out.Write(reliability);
            foreach (var pair in score.FalsePairs.Take(10))
            {
                context.Out.MarkupLine($"[grey]wrong:[/] {Markup.Escape(pair)}");
            }

            foreach (var pair in score.MissedPairs.Take(10))
            {
                context.Out.MarkupLine($"[grey]missed:[/] {Markup.Escape(pair)}");
            }

            return ExitCodes.Success;
        }));
        var slang = CreateSlang();
        return new Command("eval", "Measure Lantern against a ground truth, so anyone can rerun the accuracy figures.") { extraction, aliases, CreateFacts(), slang };
    }

    private static Command CreateFacts()
    {
        var truth = new Option<string>("--truth") { Description = "Ground-truth file (the demo's ground-truth.json: its listings and shop pages carry labelled facts)", Required = true };
        var facts = new Command("facts", "Score the listing facts stored in the workspace against the labelled documents of a ground truth: drug F1 (per language), " +
            "the first item's strength and quantity exact after unit normalization, ships_from and ships_to as exact sets, and each indicator's precision and recall " +
            "where indicators were labelled. Reads the facts through 'lantern facts', so it is audited as that.\n" +
            "Example: lantern eval facts -w lantern-demo/workspace --truth lantern-demo/ground-truth.json")
        {
            truth,
        };
        facts.SetAction(parse => CliContext.RunOnCase(parse, (context, session) =>
        {
            var groundTruth = GroundTruthFile.Read(parse.GetValue(truth)!);
            var score = FactsScore.Compute(groundTruth, session.Facts());
            if (context.AsJson)
            {
                CliContext.WriteJson(new
                {
                    documents = score.Documents,
                    drugs = DrugRow(score.Drugs),
                    drugs_by_language = score.DrugsByLanguage.Select(DrugRow),
                    strength = AccuracyRow(score.Strength),
                    quantity = AccuracyRow(score.Quantity),
                    ships_from = AccuracyRow(score.ShipsFrom),
                    ships_to = AccuracyRow(score.ShipsTo),
                    indicators = score.Indicators.Select(row => new
                    {
                        kind = row.Type,
                        true_positives = row.TruePositives,
                        false_positives = row.FalsePositives,
                        false_negatives = row.FalseNegatives,
                        precision = row.Precision,
                        recall = row.Recall,
                    }),
                    drug_misses = score.DrugMisses,
                });
                return ExitCodes.Success;
            }

            context.Out.MarkupLine($"{score.Documents:N0} labelled documents");
            var drugs = new Table().Border(TableBorder.Rounded).AddColumn("language");
            foreach (var column in new[] { "documents", "precision", "recall", "F1" })
            {
                drugs.AddColumn(new TableColumn(column).RightAligned());
            }

            foreach (var row in score.DrugsByLanguage.Append(score.Drugs))
            {
                drugs.AddRow(row.Language == "all" ? "[bold]all[/]" : row.Language, row.Documents.ToString("N0"), row.Precision.ToString("0.000"), row.Recall.ToString("0.000"), row.F1.ToString("0.000"));
            }

            context.Out.Write(drugs);
            foreach (var accuracy in new[] { score.Strength, score.Quantity, score.ShipsFrom, score.ShipsTo })
            {
                context.Out.MarkupLine($"{accuracy.Fact,-11} exact {accuracy.Accuracy:0.000} ({accuracy.Correct}/{accuracy.Total})");
            }

            context.Out.Write(ScoreTable("indicator", score.Indicators));
            foreach (var miss in score.DrugMisses.Concat(new[] { score.Strength, score.Quantity, score.ShipsFrom, score.ShipsTo }.SelectMany(accuracy => accuracy.Misses.Select(text => $"{accuracy.Fact}: {text}"))))
            {
                context.Out.MarkupLine($"[grey]missed:[/] {Markup.Escape(miss)}");
            }

            return ExitCodes.Success;
        }));
        return facts;
    }

    private static object DrugRow(DrugScore row) => new
    {
        language = row.Language,
        documents = row.Documents,
        true_positives = row.TruePositives,
        false_positives = row.FalsePositives,
        false_negatives = row.FalseNegatives,
        precision = row.Precision,
        recall = row.Recall,
        f1 = row.F1,
    };

    private static object AccuracyRow(FactAccuracy row) => new { correct = row.Correct, total = row.Total, accuracy = row.Accuracy, misses = row.Misses };

    private static Command CreateSlang()
    {
        var sentences = new Option<string?>("--sentences")
        {
            Description = "Labelled sentences to use instead of the built-in set: JSON lines of {\"text\":\"…\",\"drugs\":[\"cocaine\"]} " +
                "(drugs as the lexicon names them; [] when off topic)",
        };
        var slang = new Command("slang", "Score --expand-slang on labelled sentences (no workspace needed): each drug the sentences cover is searched by its name " +
            "with expansion, over the sentences indexed in memory as documents are; prints each expanded term's hits and precision, each drug's precision and recall, and overall.\n" +
            "The built-in set is synthetic, written for Lantern: off-topic uses of ambiguous street names (cracked software, Coca-Cola, protein bars, ice hockey) beside market and chat sentences.\n" +
            "Example: lantern eval slang --json")
        {
            sentences,
        };
        slang.SetAction(parse => CliContext.Run(parse, context =>
        {
            var path = parse.GetValue(sentences);
            IReadOnlyList<SlangEvalSentence> labelled;
            try
            {
                labelled = path is null ? SlangEval.DefaultSentences : SlangEval.Parse(File.ReadAllText(path), path);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                return context.Fail(exception is InvalidDataException ? exception.Message : $"cannot read {path}: {exception.Message}");
            }

            var score = SlangEval.Run(SlangLexicon.Default, labelled);
            if (context.AsJson)
            {
                CliContext.WriteJson(new
                {
                    lexicon_version = score.LexiconVersion,
                    sentences = score.Sentences,
                    overall = new { hits = score.Hits, true_hits = score.TrueHits, relevant = score.Relevant, precision = score.Precision, recall = score.Recall },
                    drugs = score.Drugs.Select(drug => new
                    {
                        drug = drug.Drug,
                        query = drug.Query,
                        hits = drug.Hits,
                        true_hits = drug.TrueHits,
                        relevant = drug.Relevant,
                        precision = drug.Precision,
                        recall = drug.Recall,
                        false_hits = drug.FalseHits,
                        missed = drug.Missed,
                    }),
                    terms = score.Terms.Where(term => term.Hits > 0).Select(term => new
                    {
                        drug = term.Drug,
                        term = term.Term,
                        needs_context = term.NeedsContext,
                        hits = term.Hits,
                        true_hits = term.TrueHits,
                        precision = term.Precision,
                    }),
                });
                return ExitCodes.Success;
            }

            var terms = new Table().Border(TableBorder.Rounded).AddColumn("drug").AddColumn("term");
            foreach (var column in new[] { "hits", "true", "precision" })
            {
                terms.AddColumn(new TableColumn(column).RightAligned());
            }

            foreach (var term in score.Terms.Where(term => term.Hits > 0))
            {
                terms.AddRow(Markup.Escape(term.Drug), Markup.Escape(term.Term) + (term.NeedsContext ? " [grey](context)[/]" : ""),
                    term.Hits.ToString("N0"), term.TrueHits.ToString("N0"), term.Precision.ToString("0.000"));
            }

            context.Out.Write(terms);
            var drugs = new Table().Border(TableBorder.Rounded).AddColumn("drug");
            foreach (var column in new[] { "hits", "true", "relevant", "precision", "recall" })
            {
                drugs.AddColumn(new TableColumn(column).RightAligned());
            }

            foreach (var drug in score.Drugs)
            {
                drugs.AddRow(Markup.Escape(drug.Drug), drug.Hits.ToString("N0"), drug.TrueHits.ToString("N0"), drug.Relevant.ToString("N0"), drug.Precision.ToString("0.000"), drug.Recall.ToString("0.000"));
            }

            drugs.AddRow("[bold]all[/]", score.Hits.ToString("N0"), score.TrueHits.ToString("N0"), score.Relevant.ToString("N0"), score.Precision.ToString("0.000"), score.Recall.ToString("0.000"));
            context.Out.Write(drugs);
            context.Out.MarkupLine($"lexicon {Markup.Escape(score.LexiconVersion)}, {score.Sentences} labelled sentences");
            foreach (var drug in score.Drugs)
            {
                foreach (var text in drug.FalseHits)
                {
                    context.Out.MarkupLine($"[grey]false hit ({Markup.Escape(drug.Drug)}):[/] {Markup.Escape(text)}");
                }

                foreach (var text in drug.Missed)
                {
                    context.Out.MarkupLine($"[grey]missed ({Markup.Escape(drug.Drug)}):[/] {Markup.Escape(text)}");
                }
            }

            return ExitCodes.Success;
        }));
        return slang;
    }

    /// <summary>Counts, precision and recall a row per type (an "all" row in bold).</summary>
    private static Table ScoreTable(string first, IEnumerable<TypeScore> rows)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn(first);
        foreach (var column in new[] { "true +", "false +", "false −", "precision", "recall" })
        {
            table.AddColumn(new TableColumn(column).RightAligned());
        }

        foreach (var row in rows)
        {
            table.AddRow(row.Type == "all" ? "[bold]all[/]" : Markup.Escape(row.Type), row.TruePositives.ToString("N0"), row.FalsePositives.ToString("N0"),
                row.FalseNegatives.ToString("N0"), row.Precision.ToString("0.000"), row.Recall.ToString("0.000"));
        }

        return table;
    }

    private static object Row(TypeScore score) => new
    {
        type = score.Type,
        true_positives = score.TruePositives,
        false_positives = score.FalsePositives,
        false_negatives = score.FalseNegatives,
        precision = score.Precision,
        recall = score.Recall,
    };
}
