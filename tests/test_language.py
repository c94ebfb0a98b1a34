"""detect_language: stop-word profiles for Latin scripts, Unicode ranges for the rest."""

from __future__ import annotations

import pytest

from newsweave.clean import detect_language


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("The minister said on Monday that the talks with the rebels would go ahead as planned "
         "and that there was no reason for delay.", "en"),
        ("Der Minister sagte am Montag, dass die Gespräche mit den Rebellen wie geplant "
         "stattfinden werden und es keinen Grund für eine Verzögerung gibt.", "de"),
        ("Le ministre a déclaré lundi que les pourparlers avec les rebelles auront lieu comme "
         "prévu et qu'il n'y a pas de raison pour un retard.", "fr"),
        ("El ministro dijo el lunes que las conversaciones con los rebeldes se celebrarán como "
         "estaba previsto y que no hay motivo para un retraso.", "es"),
        ("Il ministro ha detto lunedì che i colloqui con i ribelli si terranno come previsto e "
         "che non c'è motivo per un ritardo della trattativa.", "it"),
        ("O ministro disse na segunda-feira que as conversas com os rebeldes vão acontecer como "
         "previsto e que não há motivo para atraso.", "pt"),
        ("De minister zei maandag dat de gesprekken met de rebellen zoals gepland doorgaan en "
         "dat er geen reden is voor uitstel.", "nl"),
        ("Министр заявил в понедельник, что переговоры с повстанцами пройдут по плану.", "ru"),
        ("Міністр заявив у понеділок, що переговори з повстанцями відбудуться за планом.", "uk"),
        ("قال الوزير يوم الاثنين إن المحادثات مع المتمردين ستجري كما هو مخطط لها.", "ar"),
        ("部长周一表示，与叛军的会谈将按计划进行。", "zh"),
        ("大臣は月曜日、反政府勢力との協議は予定通り行われると述べた。", "ja"),
        ("장관은 월요일 반군과의 회담이 예정대로 진행될 것이라고 말했다.", "ko"),
        ("Ο υπουργός δήλωσε τη Δευτέρα ότι οι συνομιλίες θα γίνουν κανονικά.", "el"),
    ],
)
def test_detects(text: str, code: str) -> None:
    assert detect_language(text) == code


@pytest.mark.parametrize("text", ["", "12345 678", "Xq zzv bloop", "Kerry Putin Lavrov Moscow"])
def test_unknown_when_evidence_is_thin(text: str) -> None:
    assert detect_language(text) == "unknown"


def test_english_with_a_foreign_quote_stays_english() -> None:
    text = ("The crowd chanted “liberté, égalité, fraternité” as the president arrived, and "
            "officials said the visit had been planned for weeks by the embassy.")
    assert detect_language(text) == "en"
