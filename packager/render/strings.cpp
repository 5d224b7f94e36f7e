#include "packager/render/strings.hpp"

#include "packager/util/text.hpp"

namespace packager::render {
namespace {

const StringTable k_fr = {
    {"transcript", "Transcription"},
    {"transcript_page", "Transcription imprimable"},
    {"transcript_of", "Transcription de la vidéo"},
    {"credits", "Crédits"},
    {"duration", "Durée"},
    {"licence", "Licence"},
    {"video", "Vidéo"},
    {"captions", "Sous-titres"},
    {"no_video", "Votre navigateur ne peut pas lire cette vidéo."},
    {"skip", "Aller à la transcription"},
    {"skip_content", "Aller au contenu"},
    {"pdf", "Télécharger la fiche (PDF)"},
    {"print", "Imprimer"},
    {"back", "Retour à la leçon"},
    {"lessons", "Leçons"},
    {"other_lessons", "Autres leçons"},
    {"course_contents", "Sommaire du cours"},
    {"version", "Version"},
    {"total_duration", "Durée totale"},
    {"course_index", "Retour au sommaire du cours"},
    {"page_nav", "Navigation"},
    {"scorm_packages", "Paquets SCORM (pour une plateforme comme Moodle)"},
    {"offline_note", "Ces pages fonctionnent hors ligne : ouvrez index.html, sans réseau."},
    {"lms_not_tracking",
     "La plateforme a refusé d'ouvrir le suivi de cette leçon (sa session est peut-être déjà terminée) : votre "
     "progression ne sera pas enregistrée. Quittez l'activité et rouvrez-la depuis la page du cours."},
    {"lms_use_toc", "Dans la plateforme, ouvrez les leçons depuis sa table des matières."},
};

const StringTable k_en = {
    {"transcript", "Transcript"},
    {"transcript_page", "Printable transcript"},
    {"transcript_of", "Transcript of the video"},
    {"credits", "Credits"},
    {"duration", "Duration"},
    {"licence", "Licence"},
    {"video", "Video"},
    {"captions", "Captions"},
    {"no_video", "Your browser cannot play this video."},
    {"skip", "Skip to the transcript"},
    {"skip_content", "Skip to the content"},
    {"pdf", "Download the sheet (PDF)"},
    {"print", "Print"},
    {"back", "Back to the lesson"},
    {"lessons", "Lessons"},
    {"other_lessons", "Other lessons"},
    {"course_contents", "Course contents"},
    {"version", "Version"},
    {"total_duration", "Total duration"},
    {"course_index", "Back to the course index"},
    {"page_nav", "Navigation"},
    {"scorm_packages", "SCORM packages (for an LMS such as Moodle)"},
    {"offline_note", "These pages work offline: open index.html, no network needed."},
    {"lms_not_tracking",
     "The LMS refused to start tracking this lesson (its session may have ended already): your progress will not "
     "be recorded. Leave the activity and open it again from the course page."},
    {"lms_use_toc", "In the LMS, open the lessons from its table of contents."},
};

}  // namespace

const StringTable& strings_for(const std::string& language) {
  const std::string lang = util::to_lower_ascii(language);
  if (lang == "en" || lang.rfind("en-", 0) == 0) return k_en;
  return k_fr;
}

std::vector<std::string> string_languages() { return {"fr", "en"}; }

}  // namespace packager::render
