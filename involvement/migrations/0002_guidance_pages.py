"""The guidance library's first pages (issue 6): written for throughgate in plain English, in the
library's text format (involvement/guidance_text.py). A page whose address is already taken is
left alone; going back removes the pages at these addresses."""

from django.db import migrations
from django.utils import timezone

PAGES = [
    {
        "slug": "how-to-run-a-prisoner-or-probation-council",
        "title": "How to run a prisoner or probation council",
        "summary": "Setting up and running an elected council that people in prison or on probation trust: terms of reference, elections, minutes, feedback, support and safeguarding.",
        "for_kinds": ["council_meeting"],
        "body": """\
A council gives people in prison, or on probation, an elected voice that staff listen to and answer. It works when everyone can see that it changes things.

## Agree terms of reference first
Write down, with the first members, what the council is for and what it is not for. Include:
- what it may raise: anything about the regime, services and resettlement, but not one person's complaint, which goes through the complaints process
- who it reports to, and which senior manager attends and answers
- how often it meets, and what happens when a meeting is cancelled
- how members are chosen, how long they serve and how they can step down

## Hold fair elections
Every wing, unit or probation office should be able to stand and vote. Explain the role in plain words and in easy read, accept nominations on paper as well as the kiosk, and let people vote in secret. Publish the results, with turnout, and hold a by-election when someone leaves.

## Keep minutes people can read
Take minutes at every meeting and agree them at the next. Record each point raised, who will act and by when. Do not name anyone who did not agree to be named. Share the minutes on wings, in reception or waiting rooms, and with the people who attended.

## Feed back: "you said, we did"
Log each point in throughgate as an issue, answer it within the deadline and record the actions. When the answer is no, say why. People accept a clear no far better than silence. Put the board where everyone can see it.

## Support and recognise members
- give members time in the regime to prepare, meet and talk to the people they represent
- name a member of staff who supports the council and turns up
- offer training in chairing, listening and representing others
- recognise the work: paid as a prison job where possible, and a certificate or reference when someone leaves

## Keep everyone safe
Members hear worrying things. Agree how they pass on a safeguarding concern, tell them the limits of confidentiality, and make sure no member is put under pressure by other people in prison because of the role. Check in with members after difficult meetings.
""",
    },
    {
        "slug": "consultations-on-the-right-rung-of-the-ladder",
        "title": "Consultations on the right rung of the ladder",
        "summary": "The ladder of participation in plain words, how to give people more say than being informed, and how to rate an activity honestly with the people who took part.",
        "for_kinds": ["consultation", "focus_group", "co_design"],
        "body": """\
Asking people what they think is not the same as sharing power with them. The ladder of participation, first described by Sherry Arnstein in 1969, helps you be honest about how much say people really have.

## The eight rungs in plain words
1. Manipulation: people are there to make it look as if they agreed.
2. Therapy: the aim is to change the people, not the service.
3. Informing: people are told what has already been decided.
4. Consultation: people are asked what they think, but not told what happened to it.
5. Placation: people give advice, but staff decide everything.
6. Partnership: people decide things together with staff.
7. Delegated power: people make most of the decisions.
8. Citizen control: people run it themselves.

The bottom two rungs are not participation at all. Rungs 3 to 5 are often called tokenism. Rungs 6 to 8 are where people hold real power.

## Aim higher than informing
Before you start, write down which decisions are genuinely open and which are not. Then:
- involve people early, before the options are fixed
- let participants shape the questions, not only answer them
- give a focus group or co-design group a real budget or a real choice to make
- make it easy to take part: the right time in the regime, easy read materials, an interpreter when needed
- recognise people's time, with pay, a voucher or a reference

Not every activity can reach the top of the ladder. Consultation done well, with an honest account of what happened, is better than partnership that only exists on paper.

## Tell people what happened
Close the loop every time. Go back to the people who took part, or to the council, and say what you heard, what you changed, what you could not change and why. Log it in throughgate so that it appears on the "you said, we did" board.

## Rate the rung honestly, with participants
When you record the activity, choose the rung you think it reached. Then ask participants to choose the sentence that fits their experience, on an anonymous slip or the kiosk. throughgate shows the gap between the two. A gap is not a failure; it tells you what to change next time.
""",
    },
    {
        "slug": "running-a-peer-research-project",
        "title": "Running a peer research project",
        "summary": "Approvals, training, consent, participant codes, paying peer researchers and reporting back, for research led by people with lived experience.",
        "for_kinds": ["peer_research"],
        "body": """\
Peer research is research designed and carried out by people with lived experience of prison or probation. Done well, it reaches people that other research misses and gives peer researchers real skills. It needs more care, not less, than other research.

## Get the right approvals
- Research in a single prison can be agreed locally by the governor, and in a single probation region by the regional probation director.
- Research across several prisons or probation regions, or using national data, needs approval from the HMPPS National Research Committee. The thresholds and forms change, so check the current HMPPS research applications guidance before you start, and allow several months.
- Most projects also need an ethics committee to approve them, for example a university research ethics committee. Health research may need NHS approval too.

Record each decision in throughgate. Fieldwork cannot start until the project has an approval and trained peer researchers.

## Train peer researchers
Cover research ethics, consent, interviewing, keeping data safe, what to do if someone discloses harm, and looking after yourself. Record each person's training. Pair new researchers with an experienced one, and give everyone regular supervision and a debrief after difficult interviews.

## Consent and withdrawal
Explain the research in plain words and in easy read. Make clear that taking part or not has no effect on a person's sentence, parole, licence or privileges. Record consent, and say how and until when people can withdraw. When someone withdraws, stop using their data from that point and record it.

## Use participant codes, not names
Give each participant a code and keep the key that links codes to names separately, locked, and seen by as few people as possible. Never write names in notes, recordings or throughgate. Remove details that could identify someone before anything is shared, and do not report on groups so small that people could be recognised.

## Pay peer researchers fairly
Agree pay before the work starts and put it in writing. In prison, check with the prison how payment can be made. For people on probation, pay expenses promptly and make sure they know whether a payment could affect their benefits. Certificates and references matter too.

## Report back
Share findings first with the people who took part, then with decision makers. Peer researchers should help write and present the findings and be named as authors if they wish. Say what will change as a result, and log it on the "you said, we did" board.
""",
    },
    {
        "slug": "how-commissioners-check-the-feedback-duty",
        "title": "How commissioners check the feedback duty",
        "summary": "What providers are expected to do with feedback from people in prison and on probation, the figures in throughgate that show it, and the questions to ask.",
        "for_kinds": [],
        "body": """\
Providers of prison and probation services are expected to collect feedback from the people who use their services, act on it and show what they did. Commissioners check that this happens and that it makes a difference. This page explains how to do that with throughgate.

## What the duty asks of a provider
- ask people regularly and in ways everyone can use: kiosk, paper, easy read, other languages
- answer what people raise within an agreed time
- do what they said they would, and show it
- involve people in decisions, not only ask their opinion

## The figures to look at
Open the involvement report and the provider's scorecard. Look at:
1. Feedback answered on time: the share of issues given a public response by the deadline, counted in working days.
2. Actions confirmed: the share of promised actions that are done and confirmed, not only claimed as done.
3. Percentage positive: the share of people who rated their experience very good or good. Look at the trend and at the percentage negative, not one month alone.
4. Activities by rung: how many involvement activities reached each rung of the ladder. Mostly informing and consultation suggests tokenism.
5. The rating gap: the difference between the rung staff recorded and the rung participants chose. A large gap means staff see involvement very differently from the people involved.

## Small numbers
throughgate suppresses small numbers so that nobody can be identified. Nothing is shown for fewer than 10 people, counts from 1 to 7 appear as *, and other counts are rounded to the nearest 5. A * is not a zero. For a small service, compare over a longer period rather than asking for the hidden figure.

## Questions to ask a provider
- What did people raise most often this year, and what changed as a result?
- Which issues were answered late, and why?
- Which actions were claimed as done but not confirmed?
- Who is not giving feedback, and what are you doing to reach them?
- Where does your rating of an activity differ from participants' ratings, and what did you learn?
- How are people paid or recognised for their time?

Look for answers backed by the figures and by what people say, not by the number of meetings held.
""",
    },
    {
        "slug": "lived-experience-roles-paying-and-supporting-people",
        "title": "Lived-experience roles: paying and supporting people",
        "summary": "How to set up, pay, support and end paid and voluntary roles for people with lived experience of prison or probation.",
        "for_kinds": ["lived_experience_role"],
        "body": """\
Lived-experience roles, paid or voluntary, bring people with experience of prison or probation into the work of a service: peer mentors, council members, advisers, trainers and researchers. These roles only work when people are treated as valued colleagues.

## Before the role starts
- write a short role description: what the person will do, the hours, who supports them and when the role ends
- decide whether the role is paid or voluntary, and be honest about why
- recruit fairly: having a conviction should not rule anyone out, and any vetting or criminal record check should be limited to what the role really needs
- explain how information about the person's own history will be kept private

## Paying people
Pay is the clearest sign that you value someone's time. Pay at least the National Living Wage for the hours worked, and pay on time. In prison, agree with the prison how pay reaches the person. Pay travel and other expenses up front or on the day, so that nobody is out of pocket. If a person receives benefits, make sure they know before they start how earnings may affect them, and point them to free advice. Offer a voucher or a reference instead of pay only if the person chooses it.

## Supporting people
- name one person who supports them and meets them regularly
- offer training for the role and for moving on from it
- plan for difficult days: the work can bring back painful memories, so agree what the person can do and who to talk to
- include people in team meetings and decisions, not only in involvement events
- never expect someone to speak for everyone with lived experience

## When a role ends
Roles end for many reasons: the role was completed, the person was released, moved or transferred, or stepped down. Record the reason in throughgate, thank the person, give a reference and a certificate of what they achieved, and ask what would have made the role better.

## Keeping track
Record each role in throughgate with its start and end, whether it is paid, and the recognition given. The involvement report shows how many people hold roles and how many are paid, so that commissioners can see whether involvement is being funded or only asked for.
""",
    },
]


def add_pages(apps, schema_editor):
    page_model = apps.get_model("involvement", "GuidancePage")
    history_model = apps.get_model("involvement", "HistoricalGuidancePage")
    now = timezone.now()
    for data in PAGES:
        if page_model.objects.filter(slug=data["slug"]).exists():
            continue
        page = page_model.objects.create(version=1, updated_at=now, **data)
        # Models from apps.get_model send no simple-history signals: record version 1 by hand, so
        # that the page's earlier versions include it once the page is edited.
        history_model.objects.create(id=page.pk, version=1, updated_at=now, history_date=now, history_type="+", **data)


def remove_pages(apps, schema_editor):
    slugs = [data["slug"] for data in PAGES]
    apps.get_model("involvement", "GuidancePage").objects.filter(slug__in=slugs).delete()
    apps.get_model("involvement", "HistoricalGuidancePage").objects.filter(slug__in=slugs).delete()


class Migration(migrations.Migration):
    dependencies = [("involvement", "0001_initial")]

    operations = [migrations.RunPython(add_pages, remove_pages)]
