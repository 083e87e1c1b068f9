"""The starter bank `selfassess bank new` writes: small, valid, and showing every feature."""

STARTER_BANK = """\
# A selfassess question bank. Check it with: selfassess bank validate {filename}
# Every key is in the README ("Writing a question bank"); published instruments: docs/instruments.md
id: {bank_id}
version: "0.1"
title: My partnership self-assessment
language: en
estimated_minutes: 5
intro: |
  Answer for the **partnership as a whole**, not only your own organisation.
  There are no right answers; your answers stay on your device until you export them.

scale:
  - {{value: 1, label: Not yet}}
  - {{value: 2, label: Starting}}
  - {{value: 3, label: Partly}}
  - {{value: 4, label: Mostly}}
  - {{value: 5, label: Fully}}
  - {{value: null, label: Don't know}}

levels:
  - {{id: emerging, label: Emerging, min: 0, description: Collaboration depends on individuals.}}
  - {{id: developing, label: Developing, min: 40, description: Some shared habits are forming.}}
  - {{id: established, label: Established, min: 60, description: Partners work together routinely.}}
  - {{id: embedded, label: Embedded, min: 80, description: Joint working is how things are done.}}

min_answered: 0.5
divergence_threshold: 25

principles:
  - id: common-agenda
    title: Shared understanding and a common agenda
    summary: Partners agree what the problem is and what they are trying to change together.
    questions:
      - id: ca-1
        text: Partners describe the problem we are tackling in the same way.
      - id: ca-2
        text: Each organisation pursues its own priorities even when they pull against the shared plan.
        reverse: true
    advice:
      emerging: Hold a session where each partner describes the problem in their own words.
      developing: Write the shared agenda down on one page and agree it at board level.
      established: Review the agenda together each year against what partners have learned.
      embedded: Share how you built your agenda with partnerships just starting out.

  - id: communication
    title: Regular communication
    summary: Partners share information and fix problems together, even under pressure.
    questions:
      - id: co-1
        text: Partners hear about problems from each other before they become crises.
        help: For example, a care home tells the hospital about staff shortages in good time.
      - id: co-2
        text: We have a regular meeting that partners keep attending when things are busy.
        weight: 2
    advice:
      emerging: Agree one regular slot where all partners meet.
      developing: Agree who tells whom, and how fast, when something goes wrong.
      established: Check that smaller partners get information as quickly as large ones.
      embedded: Keep the habit alive as people change jobs; induct newcomers into it.
"""
