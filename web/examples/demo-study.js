// The demo study page (index.html): page texts in the chosen language
// (?lang=nl|en|de), and a panel showing what the host page received from
// the widget. Nothing is sent anywhere: "Next" only shows a note.
(function () {
  var TEXTS = {
    en: {},
    nl: {
      org: 'Faculteit Sociale Wetenschappen · Lab voor Mediaonderzoek',
      title: 'Onderzoek naar kijkgewoonten bij streamingdiensten',
      lede: 'Bedankt voor je deelname. Deze vragenlijst duurt ongeveer tien minuten. Het is een demonstratie: je antwoorden worden nergens naartoe gestuurd.',
      q1: 'Hoeveel uur per week kijk je ongeveer Netflix?',
      q1a: 'Minder dan 2 uur', q1b: '2 tot 5 uur', q1c: '5 tot 10 uur', q1d: 'Meer dan 10 uur',
      q2: 'Je Netflix-kijkgeschiedenis',
      q2hint: 'Geen Netflix-bestand bij de hand? Probeer het onderdeel met een verzonnen voorbeeldexport:',
      sample: 'Download het synthetische voorbeeld (netflix-sample.zip)',
      q3: 'Heeft iets in de samenvatting van je kijkgedrag je verrast?',
      q3a: 'Nee, het was ongeveer wat ik verwachtte', q3b: 'Een beetje', q3c: 'Ja, behoorlijk', q3d: 'Ik heb geen samenvatting gezien',
      next: 'Volgende',
      submitted: 'Dit is een demonstratie: er is niets verstuurd.',
      received: 'Wat de vragenlijst heeft ontvangen',
      receivedHint: 'Dit deel hoort niet bij een echte vragenlijst. Het laat zien wat de pagina na je keuze van het onderdeel kreeg: de gebeurtenis, en de waarde in het verborgen antwoordveld.',
      event: 'Gebeurtenis', size: 'Omvang', chars: '{n} tekens',
    },
    de: {
      org: 'Fakultät für Sozialwissenschaften · Labor für Medienforschung',
      title: 'Studie zu Streaming-Gewohnheiten',
      lede: 'Vielen Dank für Ihre Teilnahme. Diese Umfrage dauert etwa zehn Minuten. Sie ist eine Demonstration: Ihre Antworten werden nirgendwohin gesendet.',
      q1: 'Wie viele Stunden pro Woche schauen Sie ungefähr Netflix?',
      q1a: 'Weniger als 2 Stunden', q1b: '2 bis 5 Stunden', q1c: '5 bis 10 Stunden', q1d: 'Mehr als 10 Stunden',
      q2: 'Ihr Netflix-Verlauf',
      q2hint: 'Keine Netflix-Datei zur Hand? Probieren Sie das Element mit einem erfundenen Beispielexport aus:',
      sample: 'Synthetisches Beispiel herunterladen (netflix-sample.zip)',
      q3: 'Hat Sie etwas in der Zusammenfassung Ihres Verlaufs überrascht?',
      q3a: 'Nein, es war ungefähr wie erwartet', q3b: 'Ein wenig', q3c: 'Ja, ziemlich', q3d: 'Ich habe keine Zusammenfassung gesehen',
      next: 'Weiter',
      submitted: 'Dies ist eine Demonstration: Es wurde nichts gesendet.',
      received: 'Was die Umfrage erhalten hat',
      receivedHint: 'Dieser Bereich gehört nicht zu einer echten Umfrage. Er zeigt, was die Seite nach Ihrer Entscheidung vom Element bekommen hat: das Ereignis und den Wert im versteckten Antwortfeld.',
      event: 'Ereignis', size: 'Größe', chars: '{n} Zeichen',
    },
  };
  var params = new URLSearchParams(location.search);
  var lang = params.get('lang');
  if (!TEXTS[lang]) lang = 'en';
  var texts = TEXTS[lang];
  document.documentElement.lang = lang;
  document.querySelectorAll('[data-t]').forEach(function (el) {
    var t = texts[el.getAttribute('data-t')];
    if (t) el.textContent = t;
  });
  if (texts.title) document.title = texts.title;
  document.querySelectorAll('.langs a').forEach(function (a) {
    if (a.getAttribute('hreflang') === lang) a.setAttribute('aria-current', 'true');
  });

  var widget = document.getElementById('donation-widget');
  widget.setAttribute('lang', lang);
  var field = document.getElementById('netflix_donation');
  var panel = document.getElementById('received');
  function chars(n) { return (texts.chars || '{n} characters').replace('{n}', n.toLocaleString(lang)); }
  function show(eventName) {
    panel.hidden = false;
    document.getElementById('received-event').textContent = eventName;
    document.getElementById('received-size').textContent = chars(field.value.length);
    document.getElementById('received-value').textContent = field.value;
  }
  widget.addEventListener('netflix-donation:donate', function () { show('netflix-donation:donate'); });
  widget.addEventListener('netflix-donation:decline', function () { show('netflix-donation:decline'); });

  document.getElementById('survey').addEventListener('submit', function (e) {
    e.preventDefault();
    document.getElementById('submitted').textContent = texts.submitted || 'This is a demonstration: nothing was sent.';
  });
})();
