"""The Markdown report: the same content as the terminal report, for notes and tickets."""

from __future__ import annotations

from trustworks.analysis.limits import analysis_notes
from trustworks.analysis.result import COMPONENTS, Analysis
from trustworks.plural import counted
from trustworks.report.metrics import directives_line
from trustworks.report.seller import seller_line, seller_notice, seller_reasons
from trustworks.report.sparkline import sparkline


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.0%}"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(analysis: Analysis) -> str:
    """The report of one analysis as Markdown."""
    conv = analysis.conversation
    out = [f"# Trust report: {conv.source}", "", f"Seller: **{seller_line(conv)}**", ""]
    reasons = seller_reasons(conv)
    if reasons:
        out += [f"- {_cell(reason)}" for reason in reasons] + [""]
    notice = seller_notice(conv)
    if notice:
        out += [f"> **Warning:** {notice}", ""]
    out += [line for note in analysis_notes(analysis) for line in (f"> **Note:** {note}", "")]
    out += ["| Component | Score |", "|---|---|"]
    for name in COMPONENTS:
        out.append(
            f"| {name.replace('_', '-').capitalize()} | {getattr(analysis.trust, name):.1f} |"
        )
    out += [f"| **Trust** (C + R + I) / S | **{analysis.trust.trust:.2f}** |", ""]
    out += [f"Trust over the conversation: `{sparkline(analysis.timeline)}`", ""]
    m = analysis.metrics
    out += [
        "## Listening",
        "",
        f"- Seller talk share: {_pct(m.seller_talk_share)} of words"
        + (
            f", {_pct(m.seller_seconds_share)} of time"
            if m.seller_seconds_share is not None
            else ""
        ),
        f"- Seller questions: {m.seller_questions}, {_pct(m.open_question_share)} open",
        f"- Longest seller monologue: {counted(m.longest_seller_monologue_words, 'word')}",
        f"- Reflective summaries: {m.reflective_summaries}",
        f"- Interruptions: {m.interruptions} ({m.seller_interruptions} by the seller)",
    ]
    if m.seller_tone is not None:
        out.append(f"- Seller tone: {m.tone_label} ({m.seller_tone:+.2f}, politeness model)")
    if m.seller_directives:
        out.append(f"- Telling them what to do: {directives_line(m)}")
    out += [""]
    for title, sign in (("Where trust was spent", -1), ("Where trust was built", 1)):
        picked = [f for f in analysis.findings if f.polarity == sign]
        out += [f"## {title} ({len(picked)})", ""]
        for f in picked:
            found_by = "model" if f.learned else "rule"
            learned = f", {found_by} ({f.confidence:.0%})" if f.confidence < 1 else f", {found_by}"
            out.append(
                f"- **{f.signal}** (turn {f.turn + 1}, {f.speaker}, {f.component}{learned}): "
                f"“{_cell(f.evidence)}”"
            )
            if sign < 0:
                out.append(f"  - Why: {f.description}")
                out.append(f"  - Try: {f.coaching}")
                if f.rewrite:
                    out.append(f"  - Say: {f.rewrite}")
        out.append("")
    if analysis.commitments:
        out += ["## Commitments", "", "| By | To | What | Due | Turn |", "|---|---|---|---|---|"]
        for c in analysis.commitments:
            out.append(
                f"| {_cell(c.by)} | {_cell(c.to)} | {_cell(c.what)} | {c.due or '—'} "
                f"| {c.turn + 1} |"
            )
        out.append("")
    return "\n".join(out)
